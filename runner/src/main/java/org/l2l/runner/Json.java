package org.l2l.runner;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration of the project: strict on input, so typos are errors, and bounded, so a
 * huge or deeply nested file is refused with a clear error instead of exhausting the reader.
 */
public final class Json {
    /** The deepest nesting of objects and arrays read: experiment and run files need fewer than ten levels. */
    public static final int MAX_NESTING_DEPTH = 200;
    /** The longest string value read, in characters. */
    public static final int MAX_STRING_LENGTH = 10_000_000;
    /** The largest JSON document read, in bytes (or characters). */
    public static final long MAX_DOCUMENT_LENGTH = 64L << 20;
    /** The longest number read, in digits. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private Json() {}

    /**
     * A mapper that fails on unknown fields, on null for primitives, and on trailing tokens, and refuses
     * documents beyond {@link #MAX_NESTING_DEPTH}, {@link #MAX_STRING_LENGTH}, {@link #MAX_DOCUMENT_LENGTH} and
     * {@link #MAX_NUMBER_LENGTH} with a {@link com.fasterxml.jackson.core.exc.StreamConstraintsException}.
     */
    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).maxStringLength(MAX_STRING_LENGTH)
                .maxDocumentLength(MAX_DOCUMENT_LENGTH).maxNumberLength(MAX_NUMBER_LENGTH).build()).build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
