package dev.graphids.run;

import dev.graphids.error.GraphidsException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry spans of one run, written to {@code {run_dir}/traces.jsonl} as OTLP-JSON lines (each line one
 * {@code {"resourceSpans":[...]}} export, the format the OpenTelemetry Collector's file receiver reads). Spans are
 * exported as they end, so a killed run keeps the spans it finished.
 */
public final class RunTraces implements AutoCloseable {
    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private RunTraces(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider.get("dev.graphids.run");
    }

    /** Opens the trace file of a run (appending), with resource attributes such as the run name and SLURM job. */
    public static RunTraces open(Path file, Map<String, String> resourceAttributes) {
        try {
            Files.createDirectories(file.getParent());
            // The exporter closes its stream on shutdown; it owns this one.
            FileOutputStream out = new FileOutputStream(file.toFile(), true);
            OtlpStdoutSpanExporter exporter = OtlpStdoutSpanExporter.builder().setOutput(out)
                    .setWrapperJsonObject(true).build();
            AttributesBuilder attrs = Attributes.builder().put("service.name", "graphids");
            resourceAttributes.forEach((k, v) -> {
                if (v != null) {
                    attrs.put(k, v);
                }
            });
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault().merge(Resource.create(attrs.build())))
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build();
            return new RunTraces(provider);
        } catch (IOException e) {
            throw GraphidsException.environment(file + ": cannot open the trace file: " + e.getMessage(), e);
        }
    }

    /** A span around {@code body}; an exception marks it ERROR, records it, and is rethrown. */
    public <T> T span(String name, Map<String, Object> attributes, SpanBody<T> body) throws Exception {
        Span span = tracer.spanBuilder(name).setAllAttributes(toAttributes(attributes)).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            T result = body.run(span);
            span.setStatus(StatusCode.OK);
            return result;
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }

    /** The work inside a span; it may add attributes and events to the span. */
    @FunctionalInterface
    public interface SpanBody<T> {
        T run(Span span) throws Exception;
    }

    static Attributes toAttributes(Map<String, Object> values) {
        AttributesBuilder b = Attributes.builder();
        values.forEach((k, v) -> {
            if (v instanceof Integer || v instanceof Long) {
                b.put(AttributeKey.longKey(k), ((Number) v).longValue());
            } else if (v instanceof Number n) {
                b.put(AttributeKey.doubleKey(k), n.doubleValue());
            } else if (v instanceof Boolean bool) {
                b.put(AttributeKey.booleanKey(k), bool);
            } else if (v != null) {
                b.put(AttributeKey.stringKey(k), v.toString());
            }
        });
        return b.build();
    }

    @Override
    public void close() {
        provider.forceFlush().join(10, TimeUnit.SECONDS);
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }
}
