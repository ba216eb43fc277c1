package io.borderflow.support.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import io.borderflow.support.error.FieldViolation;
import org.junit.jupiter.api.Test;

/** WellFormed on messages of the protobuf library itself (the services' own are checked end to end). */
class WellFormedTest {

    @Test
    void aValidMessageHasNoProblems() {
        BadRequest request = BadRequest.newBuilder()
                .addFieldViolations(
                        BadRequest.FieldViolation.newBuilder().setField("name").setDescription("ok"))
                .build();
        assertThat(WellFormed.problems(request)).isEmpty();
        assertThat(WellFormed.problems(
                        Timestamp.newBuilder().setSeconds(1_800_000_000L).build()))
                .isEmpty();
    }

    @Test
    void aNulCharacterIsNamedByItsPathIncludingTheIndex() {
        BadRequest request = BadRequest.newBuilder()
                .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("fine"))
                .addFieldViolations(
                        BadRequest.FieldViolation.newBuilder().setField("ok").setDescription("a\0b"))
                .build();
        assertThat(WellFormed.problems(request))
                .extracting(FieldViolation::field)
                .containsExactly("field_violations[1].description");
    }

    @Test
    void aDurationOutsideItsRangeOrWithNanosOfTheOtherSignIsAProblem() {
        RetryInfo tooLong = RetryInfo.newBuilder()
                .setRetryDelay(Duration.newBuilder().setSeconds(Long.MAX_VALUE))
                .build();
        RetryInfo mixedSigns = RetryInfo.newBuilder()
                .setRetryDelay(Duration.newBuilder().setSeconds(5).setNanos(-1))
                .build();
        RetryInfo fine = RetryInfo.newBuilder()
                .setRetryDelay(Duration.newBuilder().setSeconds(5).setNanos(1))
                .build();

        assertThat(WellFormed.problems(tooLong))
                .extracting(FieldViolation::field)
                .containsExactly("retry_delay");
        assertThat(WellFormed.problems(mixedSigns))
                .extracting(FieldViolation::field)
                .containsExactly("retry_delay");
        assertThat(WellFormed.problems(fine)).isEmpty();
    }

    @Test
    void aTimestampBeyondYear9999OrWithNanosOutOfRangeIsAProblem() {
        assertThat(WellFormed.problems(
                        Timestamp.newBuilder().setSeconds(Long.MAX_VALUE).build()))
                .hasSize(1);
        assertThat(WellFormed.problems(Timestamp.newBuilder()
                        .setSeconds(0)
                        .setNanos(1_000_000_000)
                        .build()))
                .hasSize(1);
        assertThat(WellFormed.problems(
                        Timestamp.newBuilder().setSeconds(-62_135_596_800L).build()))
                .isEmpty();
    }

    @Test
    void mapsAndNestedMessagesAreWalked() {
        Struct struct = Struct.newBuilder()
                .putFields("k", Value.newBuilder().setStringValue("x\0").build())
                .build();
        assertThat(WellFormed.problems(struct))
                .extracting(FieldViolation::field)
                .containsExactly("fields[0].value.string_value");
    }

    @Test
    void theWalkStopsAfterEnoughProblems() {
        BadRequest.Builder request = BadRequest.newBuilder();
        for (int i = 0; i < 10_000; i++) {
            request.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("\0"));
        }
        assertThat(WellFormed.problems(request.build())).hasSize(WellFormed.MAX_PROBLEMS);
    }
}
