package dev.smtpdouble.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against the part of JSON Schema (2020-12) that {@code scenario.schema.json} uses.
 * A keyword it does not know fails loudly, so the schema cannot outgrow the check unnoticed.
 */
final class SchemaCheck {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "$defs");

    private final JsonNode root;

    SchemaCheck(JsonNode root) {
        this.root = root;
    }

    /** @return one line per violation, each with the JSON pointer of the offending value; empty when valid */
    List<String> violations(JsonNode value) {
        List<String> found = new ArrayList<>();
        check(root, value, "", found);
        return found;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> found) {
        Iterator<Map.Entry<String, JsonNode>> keywords = schema.fields();
        while (keywords.hasNext()) {
            Map.Entry<String, JsonNode> keyword = keywords.next();
            JsonNode arg = keyword.getValue();
            switch (keyword.getKey()) {
                case "type" -> {
                    if (!hasType(value, arg.asText())) {
                        found.add(at + ": expected " + arg.asText() + ", got " + value);
                    }
                }
                case "enum" -> {
                    boolean listed = false;
                    for (JsonNode option : arg) {
                        listed |= option.equals(value);
                    }
                    if (!listed) {
                        found.add(at + ": " + value + " is not one of " + arg);
                    }
                }
                case "$ref" -> check(resolve(arg.asText()), value, at, found);
                case "oneOf" -> {
                    int passing = 0;
                    for (JsonNode option : arg) {
                        List<String> inner = new ArrayList<>();
                        check(option, value, at, inner);
                        passing += inner.isEmpty() ? 1 : 0;
                    }
                    if (passing != 1) {
                        found.add(at + ": " + value + " matches " + passing + " of the oneOf choices, not exactly 1");
                    }
                }
                case "properties" -> {
                    if (value.isObject()) {
                        arg.fields().forEachRemaining(property -> {
                            if (value.has(property.getKey())) {
                                check(property.getValue(), value.get(property.getKey()),
                                        at + "/" + property.getKey(), found);
                            }
                        });
                    }
                }
                case "additionalProperties" -> {
                    if (!arg.isBoolean()) {
                        throw new IllegalStateException("only a boolean additionalProperties is supported");
                    }
                    if (value.isObject() && !arg.asBoolean()) {
                        JsonNode properties = schema.path("properties");
                        value.fieldNames().forEachRemaining(name -> {
                            if (!properties.has(name)) {
                                found.add(at + ": property '" + name + "' is not allowed");
                            }
                        });
                    }
                }
                case "required" -> {
                    if (value.isObject()) {
                        for (JsonNode name : arg) {
                            if (!value.has(name.asText())) {
                                found.add(at + ": property '" + name.asText() + "' is required");
                            }
                        }
                    }
                }
                case "items" -> {
                    if (value.isArray()) {
                        for (int i = 0; i < value.size(); i++) {
                            check(arg, value.get(i), at + "/" + i, found);
                        }
                    }
                }
                case "minItems" -> {
                    if (value.isArray() && value.size() < arg.asInt()) {
                        found.add(at + ": fewer than " + arg.asInt() + " items");
                    }
                }
                case "pattern" -> {
                    if (value.isTextual() && !Pattern.compile(arg.asText()).matcher(value.asText()).find()) {
                        found.add(at + ": '" + value.asText() + "' does not match " + arg.asText());
                    }
                }
                case "minimum" -> compare(value, arg, at, found, c -> c >= 0, ">=");
                case "maximum" -> compare(value, arg, at, found, c -> c <= 0, "<=");
                case "exclusiveMinimum" -> compare(value, arg, at, found, c -> c > 0, ">");
                default -> {
                    if (!ANNOTATIONS.contains(keyword.getKey())) {
                        throw new IllegalStateException("the schema uses '" + keyword.getKey()
                                + "', which this check does not know; teach it");
                    }
                }
            }
        }
    }

    private static void compare(JsonNode value, JsonNode bound, String at, List<String> found,
                                java.util.function.IntPredicate ok, String relation) {
        if (value.isNumber() && !ok.test(new BigDecimal(value.asText()).compareTo(new BigDecimal(bound.asText())))) {
            found.add(at + ": " + value + " is not " + relation + " " + bound);
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalStateException("unknown type " + type);
        };
    }

    private JsonNode resolve(String reference) {
        if (!reference.startsWith("#/")) {
            throw new IllegalStateException("only local references are supported: " + reference);
        }
        JsonNode target = root.at(reference.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("dangling reference " + reference);
        }
        return target;
    }
}
