package io.autonoma.test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which implementations of an interface a module has, and which of them its contract tests cover: each module's
 * {@code ContractCoverageTest} asserts the second contains the first, so a new implementation without a test that
 * extends its contract fails there. The contract tests are instantiated and asked for the object they test.
 */
public final class ContractCoverage {
    private final JavaClasses main;
    private final JavaClasses tests;

    private ContractCoverage(String packageRoot) {
        this.main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(packageRoot);
        this.tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages(packageRoot);
    }

    /** The main and test classes under {@code packageRoot} (a module's package root, e.g. {@code io.autonoma.agents}). */
    public static ContractCoverage of(String packageRoot) {
        return new ContractCoverage(packageRoot);
    }

    /** The concrete classes of the main code that implement {@code type}, by name. */
    public Set<String> implementations(Class<?> type) {
        Set<String> out = new TreeSet<>();
        for (JavaClass c : main) {
            if (c.isAssignableTo(type) && !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT)) {
                out.add(c.getName());
            }
        }
        return out;
    }

    /** The classes of what the concrete test subclasses of {@code contract} return from its no-argument {@code factory}. */
    public Set<String> covered(Class<?> contract, String factory) throws ReflectiveOperationException {
        Method make = contract.getDeclaredMethod(factory);
        make.setAccessible(true);
        Set<String> out = new TreeSet<>();
        for (JavaClass c : tests) {
            if (c.isAssignableTo(contract) && !c.getModifiers().contains(JavaModifier.ABSTRACT)) {
                Constructor<?> constructor = Class.forName(c.getName()).getDeclaredConstructor();
                constructor.setAccessible(true);
                out.add(make.invoke(constructor.newInstance()).getClass().getName());
            }
        }
        return out;
    }
}
