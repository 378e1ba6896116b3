package io.autonoma.core.pipeline;

import io.autonoma.core.AutonomaException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hard caps for one run: model tokens and cost in micro-dollars. Thread-safe. {@link #unlimited()}
 * for the offline engine. Charging beyond a cap throws {@link BudgetExceededException}; the spent
 * amount still counts.
 */
public final class Budget {
    private final long maxTokens;
    private final long maxCostMicros;
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong costMicros = new AtomicLong();

    private Budget(long maxTokens, long maxCostMicros) {
        if (maxTokens < 0 || maxCostMicros < 0) {
            throw new IllegalArgumentException("budget caps must be >= 0");
        }
        this.maxTokens = maxTokens;
        this.maxCostMicros = maxCostMicros;
    }

    public static Budget unlimited() {
        return new Budget(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    public static Budget of(long maxTokens, long maxCostMicros) {
        return new Budget(maxTokens, maxCostMicros);
    }

    /** A fresh budget with the same caps and nothing spent (each run gets its own). */
    public Budget fresh() {
        return new Budget(maxTokens, maxCostMicros);
    }

    public void charge(long tokenCount, long costInMicros) {
        long t = tokens.addAndGet(tokenCount);
        long c = costMicros.addAndGet(costInMicros);
        if (t > maxTokens || c > maxCostMicros) {
            throw new BudgetExceededException("budget exhausted: " + t + "/" + maxTokens + " tokens, "
                    + c + "/" + maxCostMicros + " micro-dollars; raise the budget or simplify the prompt");
        }
    }

    public long tokensSpent() { return tokens.get(); }
    public long costMicrosSpent() { return costMicros.get(); }
    public long maxTokens() { return maxTokens; }
    public long maxCostMicros() { return maxCostMicros; }

    public boolean exhausted() {
        return tokens.get() >= maxTokens || costMicros.get() >= maxCostMicros;
    }

    /** The run hit its budget. */
    public static class BudgetExceededException extends AutonomaException {
        public BudgetExceededException(String message) {
            super(message);
        }
    }
}
