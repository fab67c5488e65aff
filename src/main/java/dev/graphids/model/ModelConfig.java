package dev.graphids.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.graphids.model.dgi.DgiConfig;
import dev.graphids.model.gat.GatConfig;
import dev.graphids.model.vgae.VgaeConfig;

/**
 * Hyper-parameters of one model type, bound from YAML/JSON with the {@code type} key as discriminator
 * ({@code gat}, {@code vgae}, {@code dgi}); unknown keys are rejected by {@link ModelRegistry#parse}. Defaults are
 * declared once, in each record's compact constructor. The implementations are exactly {@code GatConfig},
 * {@code VgaeConfig} and {@code DgiConfig} (a sealed interface cannot span packages outside a named module).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = GatConfig.class, name = GatConfig.TYPE),
        @JsonSubTypes.Type(value = VgaeConfig.class, name = VgaeConfig.TYPE),
        @JsonSubTypes.Type(value = DgiConfig.class, name = DgiConfig.TYPE)})
public interface ModelConfig {
    /** Registry key. */
    String type();

    /** Adam learning rate. */
    double lr();

    /** Adam (L2) weight decay. */
    double weightDecay();
}
