package io.borderflow.support.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.InternalMetadata;
import io.grpc.InternalStatus;
import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusMessageEncodingTest {

    @Test
    void printableAsciiStaysAsItIsColonsSlashesAndTildesIncluded() {
        String message = "a bearer token is required (authorization: Bearer <jwt>) for checkpoints/zhaisan/status ~";
        assertThat(StatusMessageEncoding.encode(message)).isEqualTo(message);
    }

    @Test
    void percentControlCharactersAndNonAsciiAreEncodedAsUtf8Bytes() {
        // % is 0x25; a line feed 0x0A; Ж is U+0416, in UTF-8 0xD0 0x96; 漢 U+6F22 is 0xE6 0xBC 0xA2
        assertThat(StatusMessageEncoding.encode("100% full\nЖ漢")).isEqualTo("100%25 full%0A%D0%96%E6%BC%A2");
    }

    @Test
    void grpcJavaDecodesWhatIsEncodedBackToTheMessage() {
        // grpc-java's own status message reading, as a client in Java would do it
        String message = "Жаңа: 50% of checkpoints/nur-zholy\t漢";
        byte[] raw = StatusMessageEncoding.encode(message).getBytes(StandardCharsets.US_ASCII);
        Metadata trailers = InternalMetadata.newMetadata("grpc-message".getBytes(StandardCharsets.US_ASCII), raw);
        assertThat(trailers.get(InternalStatus.MESSAGE_KEY)).isEqualTo(message);
    }
}
