package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** One line of {@code .graphids/events.jsonl}. */
@JsonPropertyOrder(alphabetic = true)
public record RunEvent(@JsonProperty("ts") String ts, @JsonProperty("status") String status,
                       @JsonProperty("stage") String stage, @JsonProperty("message") String message,
                       @JsonProperty("details") Map<String, Object> details) {
}
