package dev.graphids.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graphids.detect.ModelBundle;
import dev.graphids.io.Digests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Uploads a bundle directory to a Hugging Face model repository with the Hub's HTTP API (no Python, no git): create
 * the repository (an existing one is fine), ask which files go through LFS ({@code preupload}), upload those through
 * the Git LFS batch API, then one commit with the small files inline (base64) and pointers to the LFS ones.
 * {@code HF_ENDPOINT} overrides {@code https://huggingface.co}, as in the Hub's own client.
 */
public final class HubUploader {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String endpoint;
    private final String token;
    private final HttpClient http;

    public HubUploader(String endpoint, String token) {
        this.endpoint = endpoint.replaceAll("/+$", "");
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** What happened: uploaded (with the commit URL) or why not. */
    public record Outcome(boolean uploaded, String message) {
    }

    /**
     * Uploads when {@code HF_TOKEN} is set and the Hub answers; otherwise says why the directory is the result.
     *
     * @param repoId {@code user/name} or {@code org/name}
     */
    public static Outcome maybeUpload(Map<String, String> env, Path bundle, String repoId) {
        String token = env.get("HF_TOKEN");
        if (token == null || token.isBlank()) {
            return new Outcome(false, "HF_TOKEN is not set: not uploading; the export directory " + bundle
                    + " is the result");
        }
        if (repoId == null || !repoId.matches("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*")) {
            return new Outcome(false, "no valid --repo-id (expected owner/name, found " + repoId
                    + "): not uploading; the export directory " + bundle + " is the result");
        }
        HubUploader hub = new HubUploader(env.getOrDefault("HF_ENDPOINT", "https://huggingface.co"), token);
        try {
            return new Outcome(true, "uploaded " + bundle + " to " + hub.upload(bundle, repoId));
        } catch (IOException e) {
            return new Outcome(false, "the Hub at " + hub.endpoint + " is not reachable or refused the upload ("
                    + e.getMessage() + "); the export directory " + bundle + " is the result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "upload interrupted; the export directory " + bundle + " is the result");
        }
    }

    /** Uploads every file of {@code dir} (flat) as one commit; returns the commit URL. */
    public String upload(Path dir, String repoId) throws IOException, InterruptedException {
        String[] parts = repoId.split("/", 2);
        ObjectNode create = ModelBundle.JSON.createObjectNode();
        create.put("type", "model").put("name", parts[1]).put("organization", parts[0]).put("private", true);
        HttpResponse<String> created = send(json(endpoint + "/api/repos/create", create));
        if (created.statusCode() != 409) {
            expectOk(created, "create repository " + repoId);
        }
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        ObjectNode pre = ModelBundle.JSON.createObjectNode();
        ArrayNode list = pre.putArray("files");
        for (Path f : files) {
            byte[] head = readHead(f, 512);
            list.addObject().put("path", f.getFileName().toString()).put("size", Files.size(f))
                    .put("sample", Base64.getEncoder().encodeToString(head));
        }
        JsonNode modes = body(send(json(endpoint + "/api/models/" + repoId + "/preupload/main", pre)),
                "preupload to " + repoId);
        Map<String, String> mode = new HashMap<>();
        for (JsonNode m : modes.path("files")) {
            mode.put(m.path("path").asText(), m.path("uploadMode").asText("regular"));
        }
        StringBuilder commit = new StringBuilder();
        ObjectNode header = ModelBundle.JSON.createObjectNode();
        header.put("key", "header").putObject("value").put("summary", "GraphIDS model bundle").put("description",
                "Exported by graphids export");
        commit.append(header).append('\n');
        List<Path> lfs = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            ObjectNode line = ModelBundle.JSON.createObjectNode();
            if ("lfs".equals(mode.get(name))) {
                lfs.add(f);
                line.put("key", "lfsFile").putObject("value").put("path", name).put("algo", "sha256")
                        .put("oid", Digests.sha256(f)).put("size", Files.size(f));
            } else {
                line.put("key", "file").putObject("value").put("path", name).put("encoding", "base64")
                        .put("content", Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
            }
            commit.append(line).append('\n');
        }
        uploadLfs(repoId, lfs);
        HttpRequest req = request(endpoint + "/api/models/" + repoId + "/commit/main")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(commit.toString())).build();
        JsonNode done = body(send(req), "commit to " + repoId);
        return done.path("commitUrl").asText(endpoint + "/" + repoId);
    }

    private void uploadLfs(String repoId, List<Path> files) throws IOException, InterruptedException {
        if (files.isEmpty()) {
            return;
        }
        ObjectNode batch = ModelBundle.JSON.createObjectNode();
        batch.put("operation", "upload").put("hash_algo", "sha256").putArray("transfers").add("basic");
        ArrayNode objects = batch.putArray("objects");
        Map<String, Path> byOid = new HashMap<>();
        for (Path f : files) {
            String oid = Digests.sha256(f);
            byOid.put(oid, f);
            objects.addObject().put("oid", oid).put("size", Files.size(f));
        }
        HttpRequest req = request(endpoint + "/" + repoId + ".git/info/lfs/objects/batch")
                .header("Accept", "application/vnd.git-lfs+json")
                .header("Content-Type", "application/vnd.git-lfs+json")
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build();
        JsonNode answer = body(send(req), "LFS batch for " + repoId);
        for (JsonNode o : answer.path("objects")) {
            JsonNode upload = o.path("actions").path("upload");
            if (upload.isMissingNode()) {
                continue; // the Hub has this object already
            }
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.path("href").asText()))
                    .timeout(Duration.ofMinutes(10))
                    .PUT(HttpRequest.BodyPublishers.ofFile(byOid.get(o.path("oid").asText())));
            for (Iterator<Map.Entry<String, JsonNode>> it = upload.path("header").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                put.header(h.getKey(), h.getValue().asText());
            }
            expectOk(send(put.build()), "LFS upload of " + byOid.get(o.path("oid").asText()).getFileName());
        }
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
    }

    private HttpRequest json(String url, JsonNode body) {
        return request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static void expectOk(HttpResponse<String> r, String what) throws IOException {
        if (r.statusCode() / 100 != 2) {
            String text = r.body() == null ? "" : r.body();
            throw new IOException(what + ": HTTP " + r.statusCode() + " "
                    + text.substring(0, Math.min(200, text.length())));
        }
    }

    private static JsonNode body(HttpResponse<String> r, String what) throws IOException {
        expectOk(r, what);
        return r.body() == null || r.body().isBlank() ? ModelBundle.JSON.createObjectNode()
                : ModelBundle.JSON.readTree(r.body());
    }

    private static byte[] readHead(Path f, int n) throws IOException {
        try (var in = Files.newInputStream(f)) {
            return in.readNBytes(n);
        }
    }
}
