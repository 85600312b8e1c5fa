package cn.healthit.approval.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The benchmark table: each figure is printed as it is measured and appended as a Markdown row to
 * target/benchmark/results.md, which scripts/benchmark prints at the end (and the README quotes).
 */
final class Results {

  static final Path FILE = Path.of("target", "benchmark", "results.md");

  private Results() {}

  static void row(String database, String what, String figure, String target) {
    String line = "| " + database + " | " + what + " | " + figure + " | " + target + " |";
    System.out.println("BENCHMARK " + line);
    try {
      Files.createDirectories(FILE.getParent());
      if (!Files.exists(FILE)) {
        Files.writeString(FILE, "| database | measure | figure | target |\n|---|---|---|---|\n");
      }
      Files.writeString(FILE, line + "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format("n=%d p50 %.1f ms · p95 %.1f ms · p99 %.1f ms", sorted.length, sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
  }

  static double p95(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) (sorted.length * 0.95)] / 1e6;
  }

  /** Resident memory of a process in MB (VmRSS from /proc). */
  static double rssMegabytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** CPU seconds (user + system) a process has used so far, from /proc/&lt;pid&gt;/stat (clock ticks of 1/100 s). */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** CPU seconds used so far by all PostgreSQL server processes on this machine. */
  static double postgresCpuSeconds() {
    double total = 0;
    try (var processes = Files.list(Path.of("/proc"))) {
      for (Path dir : processes.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String stat = Files.readString(dir.resolve("stat"));
          if (stat.contains("(postgres)")) {
            total += cpuSeconds(Long.parseLong(dir.getFileName().toString()));
          }
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return total;
  }
}
