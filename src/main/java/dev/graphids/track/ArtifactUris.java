package dev.graphids.track;

import java.nio.file.Path;

/** Artifact locations as MLflow wants them for local files: absolute {@code file:///...} URIs. */
final class ArtifactUris {
    private ArtifactUris() {
    }

    /**
     * Returns {@code location} unchanged when it already has a scheme ({@code file:}, {@code s3://}, ...), else the
     * absolute {@code file://} URI of the path, without a trailing slash.
     */
    static String toUri(String location) {
        if (location.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !location.matches("^[A-Za-z]:[\\\\/].*")) {
            return stripSlash(location);
        }
        return stripSlash(Path.of(location).toAbsolutePath().normalize().toUri().toString());
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") && !uri.endsWith(":///") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
