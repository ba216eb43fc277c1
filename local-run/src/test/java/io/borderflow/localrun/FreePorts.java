package io.borderflow.localrun;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports free on this machine now, for suites started by the tests. */
final class FreePorts {
    private FreePorts() {
    }

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
}
