package org.robust4j.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.robust4j.core.io.SafetensorsHeader.TensorInfo;
import org.robust4j.core.tensor.Shape;

/**
 * The JSON header of a safetensors file: parsing with every check the reference implementation
 * makes (and messages that say which tensor is wrong), and writing exactly as the reference writes
 * it: compact JSON, {@code __metadata__} first, tensors in data order, spaces up to a multiple of 8.
 */
final class SafetensorsHeaderCodec {
    static final String METADATA_KEY = "__metadata__";

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength((int) Safetensors.MAX_HEADER_BYTES).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SafetensorsHeaderCodec() {}

    // ---------------------------------------------------------------- reading

    /**
     * Parses and validates a header.
     *
     * @param headerBytes the {@code N} header bytes after the 8-byte length
     * @param dataBytes how many bytes follow the header in the file
     */
    static SafetensorsHeader parse(Path file, byte[] headerBytes, long dataBytes) {
        JsonNode root = parseJson(file, decodeUtf8(file, headerBytes));
        if (!root.isObject()) {
            throw new FileFormatException(file, "header must be a JSON object, found " + describe(root));
        }
        Map<String, String> metadata = Collections.emptyMap();
        List<TensorInfo> infos = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(file, field.getValue());
            } else {
                infos.add(parseTensor(file, field.getKey(), field.getValue()));
            }
        }
        // The reference sorts by offsets too: writers may list tensors in any order.
        infos.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long end = checkLayout(file, infos);
        if (dataBytes < end) {
            throw new FileFormatException(file, "truncated: the header describes " + end
                    + " bytes of tensor data but only " + dataBytes + " follow it");
        }
        if (dataBytes > end) {
            throw new FileFormatException(file, (dataBytes - end) + " unexpected bytes after the last tensor"
                    + " (the header describes " + end + " bytes of data, the file has " + dataBytes + ")");
        }
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (TensorInfo info : infos) {
            tensors.put(info.name(), info);
        }
        return new SafetensorsHeader(file, Collections.unmodifiableMap(tensors), metadata,
                8L + headerBytes.length);
    }

    private static String decodeUtf8(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FileFormatException(file, "header is not valid UTF-8", e);
        }
    }

    private static JsonNode parseJson(Path file, String text) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new FileFormatException(file, "header is empty (expected a JSON object)");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new FileFormatException(file, "header is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new FileFormatException(file, "__metadata__ must be an object of strings, found " + describe(node));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new FileFormatException(file, "__metadata__ values must be strings; '" + e.getKey()
                        + "' is " + describe(e.getValue()));
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static TensorInfo parseTensor(Path file, String name, JsonNode node) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw new FileFormatException(file, where + ": expected an object with dtype, shape and data_offsets, found "
                    + describe(node));
        }
        JsonNode dtypeNode = required(file, where, node, "dtype");
        if (!dtypeNode.isTextual()) {
            throw new FileFormatException(file, where + ": dtype must be a string, found " + describe(dtypeNode));
        }
        SafetensorsDType dtype = SafetensorsDType.parse(dtypeNode.textValue()).orElseThrow(() ->
                new FileFormatException(file, where + ": unknown dtype '" + dtypeNode.textValue() + "'"));

        JsonNode shapeNode = required(file, where, node, "shape");
        if (!shapeNode.isArray()) {
            throw new FileFormatException(file, where + ": shape must be an array, found " + describe(shapeNode));
        }
        int[] dims = new int[shapeNode.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0) {
                throw new FileFormatException(file, where + ": shape " + shapeNode
                        + " must hold non-negative integers (dimension " + i + " is " + d + ")");
            }
            if (d.longValue() > Integer.MAX_VALUE) {
                throw new FileFormatException(file, where + ": dimension " + i + " of shape " + shapeNode
                        + " is larger than robust4j supports");
            }
            dims[i] = d.intValue();
        }

        JsonNode offsets = required(file, where, node, "data_offsets");
        if (!offsets.isArray() || offsets.size() != 2 || !isOffset(offsets.get(0)) || !isOffset(offsets.get(1))) {
            throw new FileFormatException(file, where + ": data_offsets must be [begin, end] with non-negative integers, found "
                    + offsets);
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        if (end < begin) {
            throw new FileFormatException(file, where + ": data_offsets " + offsets + " end before they begin");
        }
        Shape shape = Shape.of(dims);
        long expected;
        try {
            expected = Math.multiplyExact(shape.size(), (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new FileFormatException(file, where + ": shape " + shape + " is too large");
        }
        if (end - begin != expected) {
            throw new FileFormatException(file, where + ": data_offsets " + offsets + " hold " + (end - begin)
                    + " bytes but shape " + shape + " of " + dtype + " needs " + expected);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static boolean isOffset(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }

    private static JsonNode required(Path file, String where, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new FileFormatException(file, where + ": missing field '" + field + "'");
        }
        return v;
    }

    /** Checks the tensors (sorted by offset) tile the data section from 0 without gaps or overlaps; returns its end. */
    private static long checkLayout(Path file, List<TensorInfo> sorted) {
        long end = 0;
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            if (t.begin() < end) {
                throw new FileFormatException(file, "tensor '" + t.name() + "' at bytes [" + t.begin() + ", " + t.end()
                        + ") overlaps tensor '" + previous.name() + "' at [" + previous.begin() + ", " + previous.end() + ")");
            }
            if (t.begin() > end) {
                throw new FileFormatException(file, "tensor '" + t.name() + "' starts at byte " + t.begin() + " but "
                        + (previous == null ? "the data section starts at 0" : "tensor '" + previous.name() + "' ends at " + end)
                        + ": the data must be contiguous");
            }
            end = t.end();
            previous = t;
        }
        return end;
    }

    private static String describe(JsonNode n) {
        String type = n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        String text = n.toString();
        return type + (text.length() > 60 ? "" : " " + text);
    }

    // ---------------------------------------------------------------- writing

    /** One tensor to write: where it goes is decided by {@link #layout}. */
    record Entry(String name, SafetensorsDType dtype, Shape shape) {
        long byteSize() {
            return Math.multiplyExact(shape.size(), (long) dtype.bytes());
        }
    }

    /** The reference writer's order: larger element types first (keeps every tensor aligned), then by name. */
    static List<Entry> layout(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((Entry e) -> e.dtype().ordinal()).reversed()
                .thenComparing((a, b) -> compareUtf8(a.name(), b.name())));
        return sorted;
    }

    /** Rust compares strings by their UTF-8 bytes; Java's compareTo uses UTF-16 units, which differs above U+FFFF. */
    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The header bytes for tensors already in {@link #layout} order: compact JSON padded with spaces to 8 bytes. */
    static byte[] encode(List<Entry> ordered, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Entry e : ordered) {
            ObjectNode t = root.putObject(e.name());
            t.put("dtype", e.dtype().name());
            ArrayNode shape = t.putArray("shape");
            for (int d : e.shape().toArray()) {
                shape.add(d);
            }
            long end = offset + e.byteSize();
            t.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = java.util.Arrays.copyOf(json, padded);
        java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }
}
