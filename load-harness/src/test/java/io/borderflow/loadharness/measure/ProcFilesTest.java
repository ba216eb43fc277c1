package io.borderflow.loadharness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFilesTest {

    @Test
    void vmRssIsReadInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  204800 kB\nRssAnon:\t  100 kB\n";

        assertThat(ProcFiles.vmRssBytes(status)).hasValue(204800L * 1024);
        assertThat(ProcFiles.vmRssBytes("Name:\tkthreadd\n")).isEmpty();
    }

    @Test
    void processCpuIsUserPlusSystemTimeEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 40 0 123 0 0";

        assertThat(ProcFiles.processCpuNanos(stat)).hasValue(300L * 10_000_000L);
    }

    @Test
    void machineBusyTicksLeaveOutIdleAndIowait() {
        String stat = "cpu  100 5 50 800 40 3 2 0 0 0\ncpu0 50 2 25 400 20 1 1 0 0 0\n";

        assertThat(ProcFiles.busyAndTotalTicks(stat)).containsExactly(160, 1000);
    }

    @Test
    void theOwnProcessIsReadableOnLinux() {
        long self = ProcessHandle.current().pid();

        assertThat(ProcFiles.rssBytes(self).orElseThrow()).isGreaterThan(1 << 20);
        assertThat(ProcFiles.cpuNanos(self).orElseThrow()).isPositive();
        assertThat(ProcFiles.rssBytes(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void theMachineIsDescribedFromCpuinfoAndMeminfo() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n"
                + "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n";

        assertThat(MachineInfo.cpuModel(cpuinfo)).isEqualTo("Intel(R) Xeon(R) CPU @ 2.20GHz");
        assertThat(MachineInfo.cpuModel("")).isEqualTo("unknown");
        assertThat(MachineInfo.memTotalBytes("MemTotal:       24683520 kB\nMemFree: 1 kB\n"))
                .isEqualTo(24683520L * 1024);
        assertThat(MachineInfo.current().cores()).isPositive();
    }
}
