package io.autonoma.agents.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.core.change.SpecChange;
import io.autonoma.core.change.SpecDelta;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Each family of phrasings on at least two base specs (a blog, a task tracker, a shop, a recipe book: all read by the
 * offline analyst from prompts written here), so that no rule fits one app only. Every delta must apply to its base and
 * the result must pass the template packs' validation.
 */
class OfflineChangeReaderTest {
    private static final OfflineRequirementsAnalyst ANALYST = OfflineRequirementsAnalyst.create();
    private static final AppSpec BLOG = ANALYST.analyze(
            "A blog where users write posts with a title, a body and a status (draft, published). Posts have tags.");
    private static final AppSpec TASKS = ANALYST.analyze(
            "A task tracker where users keep tasks with a title, a description and a status (todo, doing, done). Projects have a name and tasks.");
    private static final AppSpec SHOP = ANALYST.analyze("A shop where customers have a name, an email and a phone. Products have a name, "
            + "a price and a summary. Orders have a status (draft, paid, shipped), a customer and a date. Products have a category.");
    private static final AppSpec RECIPES = ANALYST.analyze(
            "A recipe app where users keep recipes with a name, instructions and a cooking time. Recipes have ingredients with a name and a quantity.");

    private final OfflineChangeReader reader = new OfflineChangeReader();

    /** Reads, applies, validates; returns the spec after the change. */
    private AppSpec changed(AppSpec base, String request, SpecDelta[] out) {
        SpecDelta delta = reader.read(base, request);
        assertThat(delta.changes()).as(request).isNotEmpty();
        AppSpec next = delta.apply(base);
        assertThat(TemplatePacks.defaults().validate(next).problems()).as(request).isEmpty();
        if (out != null) out[0] = delta;
        return next;
    }

    private SpecDelta delta(AppSpec base, String request) {
        SpecDelta[] out = new SpecDelta[1];
        changed(base, request, out);
        return out[0];
    }

    private static Field field(AppSpec spec, String entity, String name) {
        Entity e = spec.entity(entity).orElseThrow(() -> new AssertionError("no entity " + entity + " in " + spec.entities()));
        return e.fields().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(entity + " has no field " + name + ": " + e.fields()));
    }

    private static boolean hasRelation(AppSpec spec, Predicate<Relation> p) {
        return spec.relations().stream().anyMatch(p);
    }

    @Test
    void a_new_entity_related_to_an_existing_one() {
        for (AppSpec base : List.of(TASKS, SHOP)) {
            String parent = base == TASKS ? "tasks" : "products";
            String parentEntity = base == TASKS ? "Task" : "Product";
            AppSpec next = changed(base, "add comments to " + parent + " with a body and an author", null);
            assertThat(field(next, "Comment", "body").type()).isEqualTo(FieldType.TEXT);
            assertThat(next.entity("Author")).isEmpty();
            assertThat(next.relations()).contains(new Relation("Comment", parentEntity, RelationKind.MANY_TO_ONE,
                    parentEntity.toLowerCase(), true), new Relation("Comment", "User", RelationKind.MANY_TO_ONE, "author", true));
        }
        AppSpec blog = changed(BLOG, "Posts have reviews with a body and a rating from 1 to 5", null);
        assertThat(field(blog, "Review", "rating").type()).isEqualTo(FieldType.INTEGER);
        assertThat(field(blog, "Review", "rating").max()).isEqualByComparingTo("5");
        assertThat(hasRelation(blog, r -> r.from().equals("Review") && r.to().equals("Post") && r.required())).isTrue();
        for (AppSpec base : List.of(SHOP, RECIPES)) {
            String thing = base == SHOP ? "products" : "recipes";
            String entity = base == SHOP ? "Product" : "Recipe";
            AppSpec next = changed(base, "let users leave reviews on " + thing + " with a rating and a comment", null);
            assertThat(field(next, "Review", "rating").type()).isEqualTo(FieldType.INTEGER);
            assertThat(field(next, "Review", "comment").type()).isEqualTo(FieldType.TEXT);
            assertThat(hasRelation(next, r -> r.from().equals("Review") && r.to().equals(entity) && r.required()
                    && r.kind() == RelationKind.MANY_TO_ONE)).isTrue();
            assertThat(hasRelation(next, r -> r.from().equals("Review") && r.toUser())).isTrue();
        }
    }

    @Test
    void several_requests_in_one_give_several_steps() {
        SpecDelta d = delta(TASKS, "Give tasks a due date. Rename projects to boards and add 'blocked' to the status values");
        assertThat(d.changes()).hasSize(3);
        assertThat(d.changes().get(1)).isEqualTo(new SpecChange.RenameEntity("Project", "Board"));
        SpecDelta blog = delta(BLOG, "give posts a summary; remove the body from posts");
        assertThat(blog.changes()).extracting(c -> c.getClass().getSimpleName()).containsExactly("AddField", "RemoveField");
        // a later clause names what an earlier one renamed or added
        SpecDelta renamed = delta(BLOG, "rename posts to articles. Give articles a summary; articles can be liked");
        assertThat(renamed.changes().get(1)).isInstanceOf(SpecChange.AddField.class)
                .satisfies(c -> assertThat(((SpecChange.AddField) c).entity()).isEqualTo("Article"));
        SpecDelta added = delta(TASKS, "add comments to tasks with a body. Comments can be liked");
        assertThat(added.apply(TASKS).capabilities(Capability.Vote.class)).singleElement()
                .satisfies(v -> assertThat(v.targetRelation(added.apply(TASKS)).orElseThrow().to()).isEqualTo("Comment"));
    }

    @Test
    void new_fields_are_typed_like_the_analyst_types_them_and_optional_unless_defaulted() {
        AppSpec tasks = changed(TASKS, "give tasks a due date", null);
        assertThat(field(tasks, "Task", "due_date").type()).isEqualTo(FieldType.DATE);
        assertThat(field(tasks, "Task", "due_date").required()).isFalse();
        AppSpec recipes = changed(RECIPES, "Give recipes a due date", null);
        assertThat(field(recipes, "Recipe", "due_date").type()).isEqualTo(FieldType.DATE);

        for (AppSpec base : List.of(BLOG, RECIPES)) {
            String e = base == BLOG ? "Post" : "Recipe";
            String plural = base == BLOG ? "posts" : "recipes";
            Field summary = field(changed(base, "add a summary to " + plural, null), e, "summary");
            assertThat(summary.type()).isEqualTo(FieldType.TEXT);
            assertThat(summary.required()).isFalse();
            Field flag = field(changed(base, plural + " get a published flag", null), e, "published");
            assertThat(flag.type()).isEqualTo(FieldType.BOOLEAN);
            assertThat(flag.defaultValue()).isEqualTo("false");
        }
        for (AppSpec base : List.of(TASKS, RECIPES)) {
            String e = base == TASKS ? "Task" : "Recipe";
            Field priority = field(changed(base, "add a priority (low, medium, high) to " + (base == TASKS ? "tasks" : "recipes"), null),
                    e, "priority");
            assertThat(priority.type()).isEqualTo(FieldType.ENUM);
            assertThat(priority.enumValues()).containsExactly("low", "medium", "high");
            assertThat(priority.required() && priority.defaultValue() != null || !priority.required()).isTrue();
        }
    }

    @Test
    void a_field_asked_for_comes_without_behaviour_nobody_asked_for() {
        SpecDelta d = delta(SHOP, "add a birthday to customers");
        assertThat(d.changes()).singleElement().isInstanceOf(SpecChange.AddField.class);
        assertThat(delta(TASKS, "give tasks a due date").changes()).singleElement().isInstanceOf(SpecChange.AddField.class);
    }

    @Test
    void renames_of_fields_and_entities() {
        assertThat(delta(SHOP, "rename customer phone to mobile").changes())
                .containsExactly(new SpecChange.RenameField("Customer", "phone", "mobile"));
        assertThat(delta(SHOP, "Rename the phone of customers to Mobile Number").changes())
                .containsExactly(new SpecChange.RenameField("Customer", "phone", "mobile_number"));
        assertThat(delta(RECIPES, "rename ingredient quantity to amount").changes())
                .containsExactly(new SpecChange.RenameField("Ingredient", "quantity", "amount"));
        assertThat(delta(BLOG, "rename posts to articles").changes()).containsExactly(new SpecChange.RenameEntity("Post", "Article"));
        AppSpec shop = changed(SHOP, "rename products to items", null);
        assertThat(shop.entity("Item")).isPresent();
        assertThat(shop.entity("Product")).isEmpty();
    }

    @Test
    void a_rename_carries_the_capabilities_that_name_what_it_renames() {
        AppSpec live = changed(TASKS, "tasks update in real time. Email me a day before a task's due date", null);
        AppSpec renamed = changed(live, "rename tasks to chores. Rename the due date of chores to deadline", null);
        assertThat(renamed.capabilities()).contains(new Capability.Realtime("Chore"));
        assertThat(renamed.capabilities(Capability.BackgroundJob.class)).singleElement()
                .satisfies(j -> assertThat(j.entity() + "." + j.field()).isEqualTo("Chore.deadline"));
        AppSpec liked = changed(BLOG, "posts can be liked", null);
        assertThat(changed(liked, "rename likes to hearts", null).capabilities(Capability.Vote.class)).singleElement()
                .satisfies(v -> assertThat(v.entity()).isEqualTo("Heart"));
    }

    @Test
    void enum_values_added_and_removed() {
        assertThat(field(changed(TASKS, "add 'archived' to the status values", null), "Task", "status").enumValues())
                .containsExactly("todo", "doing", "done", "archived");
        assertThat(field(changed(BLOG, "add 'archived' to the status values", null), "Post", "status").enumValues())
                .containsExactly("draft", "published", "archived");
        assertThat(field(changed(TASKS, "tasks can also be 'blocked'", null), "Task", "status").enumValues()).contains("blocked");
        assertThat(field(changed(SHOP, "orders can also be 'cancelled' or 'refunded'", null), "Order", "status").enumValues())
                .containsExactly("draft", "paid", "shipped", "cancelled", "refunded");
        Field post = field(changed(BLOG, "remove 'draft' from post status", null), "Post", "status");
        assertThat(post.enumValues()).containsExactly("published");
        assertThat(post.defaultValue()).isEqualTo("published");
        SpecDelta shop = delta(SHOP, "remove 'draft' from the status of orders");
        assertThat(shop.destructive()).isTrue();
        assertThat(field(shop.apply(SHOP), "Order", "status").enumValues()).containsExactly("paid", "shipped");
    }

    @Test
    void an_enum_field_several_entities_have_is_refused_naming_them() {
        AppSpec both = ANALYST.analyze("An app where teams keep tasks with a title and a status (open, closed), and bugs with a title "
                + "and a status (open, fixed).");
        assertThatThrownBy(() -> reader.read(both, "add 'archived' to the status values"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Task").hasMessageContaining("Bug");
        assertThat(field(changed(both, "add 'archived' to bug status", null), "Bug", "status").enumValues()).contains("archived");
    }

    @Test
    void capabilities_as_the_analyst_builds_them() {
        for (AppSpec base : List.of(BLOG, RECIPES)) {
            String plural = base == BLOG ? "posts" : "recipes";
            AppSpec next = changed(base, plural + " can be liked", null);
            assertThat(next.capabilities(Capability.Vote.class)).singleElement()
                    .satisfies(v -> assertThat(v.kind()).isEqualTo("like"));
        }
        for (AppSpec base : List.of(TASKS, RECIPES)) {
            String plural = base == TASKS ? "tasks" : "ingredients";
            assertThat(changed(base, plural + " update in real time", null).capabilities(Capability.Realtime.class)).hasSize(1);
        }
        for (AppSpec base : List.of(RECIPES, BLOG)) {
            String one = base == RECIPES ? "recipe" : "post";
            AppSpec next = changed(base, "users can upload a photo to each " + one, null);
            assertThat(next.capabilities(Capability.FileUpload.class)).singleElement()
                    .satisfies(u -> assertThat(u.accept()).isEqualTo("image"));
        }
        // the reminder needs a due date the entity lacks: the field comes with it, optional
        for (AppSpec base : List.of(TASKS, BLOG)) {
            String one = base == TASKS ? "task" : "post";
            String entity = base == TASKS ? "Task" : "Post";
            AppSpec next = changed(base, "email me a day before a " + one + "'s due date", null);
            assertThat(next.capabilities(Capability.BackgroundJob.class)).singleElement().satisfies(j -> {
                assertThat(j.kind()).isEqualTo("reminder");
                assertThat(j.before()).isEqualTo("P1D");
                assertThat(field(next, entity, j.field()).type()).isIn(FieldType.DATE, FieldType.DATETIME);
                assertThat(field(next, entity, j.field()).required()).isFalse();
            });
        }
    }

    @Test
    void removals_of_fields_entities_and_relations() {
        assertThat(delta(BLOG, "remove the body from posts").changes()).containsExactly(new SpecChange.RemoveField("Post", "body"));
        assertThat(delta(SHOP, "remove the summary from products").changes())
                .containsExactly(new SpecChange.RemoveField("Product", "summary"));
        assertThat(delta(BLOG, "drop the tags entity").changes()).containsExactly(new SpecChange.RemoveEntity("Tag"));
        assertThat(delta(RECIPES, "delete ingredients").changes()).containsExactly(new SpecChange.RemoveEntity("Ingredient"));
        assertThat(delta(BLOG, "posts no longer need tags").changes()).singleElement()
                .isInstanceOf(SpecChange.RemoveRelation.class);
        assertThat(delta(TASKS, "tasks no longer need a project").changes()).singleElement()
                .satisfies(c -> assertThat(((SpecChange.RemoveRelation) c).relation().to()).isEqualTo("Project"));
        assertThat(delta(SHOP, "products no longer need a category").changes())
                .containsExactly(new SpecChange.RemoveField("Product", "category"));
    }

    @Test
    void a_removal_takes_the_capabilities_built_on_what_it_removes() {
        AppSpec liked = changed(RECIPES, "recipes can be liked. email me a day before a recipe's due date", null);
        SpecDelta noDate = delta(liked, "remove the due date from recipes");
        assertThat(noDate.changes()).first().isInstanceOf(SpecChange.RemoveCapability.class);
        assertThat(noDate.apply(liked).capabilities(Capability.BackgroundJob.class)).isEmpty();
        // the likes point at recipes: dropping recipes drops the vote on likes too
        SpecDelta noRecipes = delta(liked, "drop the recipes entity");
        assertThat(noRecipes.apply(liked).capabilities(Capability.Vote.class)).isEmpty();
        AppSpec blog = changed(BLOG, "posts can be liked", null);
        assertThat(delta(blog, "likes no longer need a post").apply(blog).capabilities(Capability.Vote.class)).isEmpty();
    }

    @Test
    void simple_type_and_constraint_changes() {
        for (AppSpec base : List.of(BLOG, TASKS)) {
            String e = base == BLOG ? "Post" : "Task";
            String one = base == BLOG ? "post" : "task";
            SpecDelta longer = delta(base, "make the " + one + " title longer (500 characters)");
            assertThat(field(longer.apply(base), e, "title").maxLength()).isEqualTo(500);
            assertThat(longer.destructive()).isFalse();
            assertThat(field(changed(base, one + " titles are optional", null), e, "title").required()).isFalse();
        }
        assertThat(field(changed(RECIPES, "make the recipe name optional", null), "Recipe", "name").required()).isFalse();
        assertThat(field(changed(SHOP, "make the product name unique", null), "Product", "name").unique()).isTrue();
        assertThat(field(changed(SHOP, "the product price is optional", null), "Product", "price").required()).isFalse();
    }

    @Test
    void what_is_not_understood_is_quoted_with_examples() {
        assertThatThrownBy(() -> reader.read(TASKS, "frobnicate the widgets"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"frobnicate the widgets\"")
                .hasMessageContaining("give tasks a due date");
        assertThatThrownBy(() -> reader.read(TASKS, "give tasks a due date. frobnicate the widgets"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"frobnicate the widgets\"");
        assertThatThrownBy(() -> reader.read(SHOP, "  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknown_entities_and_fields_are_named_with_what_the_spec_has() {
        assertThatThrownBy(() -> reader.read(SHOP, "drop the invoices entity"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invoices").hasMessageContaining("Customer, Product, Order");
        assertThatThrownBy(() -> reader.read(TASKS, "rename the colour of tasks to hue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour").hasMessageContaining("title, description, status");
        assertThatThrownBy(() -> reader.read(SHOP, "make the customer email unique"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Customer.email is unique already");
        assertThatThrownBy(() -> reader.read(TASKS, "remove 'zzz' from task status"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("todo, doing, done");
    }

    @Test
    void reading_is_deterministic() {
        String request = "let users leave reviews on products with a rating and a comment. products can be liked";
        assertThat(reader.read(SHOP, request)).isEqualTo(reader.read(SHOP, request));
    }
}
