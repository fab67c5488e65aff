package dev.graphids.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Hub upload against a local stand-in for the Hub's HTTP API: the calls, in order, with their bodies. */
class HubUploaderTest {
    @TempDir
    Path tmp;

    @Test
    void uploadsSmallFilesInlineAndWeightsThroughLfsInOneCommit() throws IOException {
        Path bundle = tmp.resolve("b");
        Files.createDirectories(bundle);
        Files.writeString(bundle.resolve("config.json"), "{\"model_type\":\"gat\"}\n");
        Files.write(bundle.resolve("model.safetensors"), new byte[] {1, 2, 3, 4});
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = hub.getAddress().getPort();
        hub.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getPath();
            calls.add(ex.getRequestMethod() + " " + path + " " + ex.getRequestHeaders().getFirst("Authorization")
                    + " " + body);
            String answer = switch (path) {
                case "/api/repos/create" -> "{}";
                case "/api/models/me/ids/preupload/main" -> "{\"files\":[{\"path\":\"config.json\",\"uploadMode\":"
                        + "\"regular\"},{\"path\":\"model.safetensors\",\"uploadMode\":\"lfs\"}]}";
                case "/me/ids.git/info/lfs/objects/batch" -> "{\"objects\":[{\"oid\":\"" + sha(bundle)
                        + "\",\"actions\":{\"upload\":{\"href\":\"http://127.0.0.1:" + port + "/lfs/put\","
                        + "\"header\":{\"X-Lfs\":\"yes\"}}}}]}";
                case "/api/models/me/ids/commit/main" -> "{\"commitUrl\":\"http://hub/me/ids/commit/abc\"}";
                default -> "{}";
            };
            byte[] b = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        hub.start();
        try {
            HubUploader.Outcome o = HubUploader.maybeUpload(Map.of("HF_TOKEN", "tok", "HF_ENDPOINT",
                    "http://127.0.0.1:" + port), bundle, "me/ids");
            assertThat(o.uploaded()).as(o.message()).isTrue();
            assertThat(o.message()).contains("http://hub/me/ids/commit/abc");
        } finally {
            hub.stop(0);
        }
        assertThat(calls).hasSize(5);
        assertThat(calls.get(0)).startsWith("POST /api/repos/create Bearer tok ").contains("\"name\":\"ids\"",
                "\"organization\":\"me\"");
        assertThat(calls.get(1)).startsWith("POST /api/models/me/ids/preupload/main").contains("\"size\":4");
        assertThat(calls.get(2)).startsWith("POST /me/ids.git/info/lfs/objects/batch").contains(sha(bundle));
        assertThat(calls.get(3)).startsWith("PUT /lfs/put");
        assertThat(calls.get(4)).startsWith("POST /api/models/me/ids/commit/main")
                .contains("{\"key\":\"file\",\"value\":{\"path\":\"config.json\",\"encoding\":\"base64\"")
                .contains("{\"key\":\"lfsFile\",\"value\":{\"path\":\"model.safetensors\",\"algo\":\"sha256\","
                        + "\"oid\":\"" + sha(bundle) + "\",\"size\":4}}");
    }

    @Test
    void withoutATokenOrReachableHubTheDirectoryIsTheResult() {
        assertThat(HubUploader.maybeUpload(Map.of(), tmp, "me/ids").message()).contains("HF_TOKEN is not set",
                "is the result");
        HubUploader.Outcome o = HubUploader.maybeUpload(Map.of("HF_TOKEN", "t", "HF_ENDPOINT", "http://127.0.0.1:1"),
                tmp, "me/ids");
        assertThat(o.uploaded()).isFalse();
        assertThat(o.message()).contains("not reachable", "is the result");
    }

    private static String sha(Path bundle) {
        try {
            return dev.graphids.io.Digests.sha256(bundle.resolve("model.safetensors"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
