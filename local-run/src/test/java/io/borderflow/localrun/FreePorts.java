package io.borderflow.localrun;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/** Ports free on this machine now, for suites started by the tests. */
final class FreePorts {
    private FreePorts() {}

    static int[] take(int count) throws IOException {
        int[] ports = new int[count];
        ServerSocket[] sockets = new ServerSocket[count];
        for (int i = 0; i < count; i++) {
            sockets[i] = new ServerSocket(0);
            ports[i] = sockets[i].getLocalPort();
        }
        for (ServerSocket socket : sockets) {
            socket.close();
        }
        return ports;
    }

    /**
     * The suite of this repository on the ports given: PostgreSQL on {@code ports[0]}, checkpoint-, inspection- and
     * routing-service on the next three; data in {@code data}.
     */
    static SuiteSettings suite(Path data, int[] ports) {
        return new SuiteSettings(
                Path.of("..").toAbsolutePath().normalize(),
                data,
                ports[0],
                List.of(
                        new SuiteSettings.Service("checkpoint-service", "checkpoint", ports[1]),
                        new SuiteSettings.Service("inspection-service", "inspection", ports[2]),
                        new SuiteSettings.Service("routing-service", "routing", ports[3])));
    }
}
