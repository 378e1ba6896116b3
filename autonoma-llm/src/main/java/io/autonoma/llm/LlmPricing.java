package io.autonoma.llm;

/**
 * Price of a model's tokens in micro-dollars per 1,000 tokens, input and output separately.
 * {@link #free()} for local models and tests.
 */
public record LlmPricing(long inputMicrosPer1k, long outputMicrosPer1k) {
    public LlmPricing {
        if (inputMicrosPer1k < 0 || outputMicrosPer1k < 0) {
            throw new IllegalArgumentException("token prices must be >= 0");
        }
    }

    public static LlmPricing free() {
        return new LlmPricing(0, 0);
    }

    /** Prices in US dollars per 1,000 tokens, e.g. {@code perThousand(0.00015, 0.0006)}. */
    public static LlmPricing perThousand(double inputUsd, double outputUsd) {
        return new LlmPricing(Math.round(inputUsd * 1_000_000), Math.round(outputUsd * 1_000_000));
    }

    /** Cost of one call in micro-dollars, rounded up so a paid call never costs 0. */
    public long costMicros(long inputTokens, long outputTokens) {
        return ceilDiv(inputTokens * inputMicrosPer1k, 1000) + ceilDiv(outputTokens * outputMicrosPer1k, 1000);
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }
}
