# Machine details for the benchmark scripts (tools/bench-adapters, tools/bench-bridge,
# tools/bench-report): one definition, so every figure names its machine the same way.
# Source it from the repository root:  . tools/lib/machine.sh

machine_cpu_model() {
  grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true
}

machine_ram() {
  awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo
}

machine_load() {
  cut -d' ' -f1-3 /proc/loadavg
}

machine_librdkafka() {
  pkg-config --modversion rdkafka 2>/dev/null || echo '?'
}

machine_kcat() {
  local version
  version=$(kcat -V 2>&1 | sed -n 's/^Version \([^ ]*\).*/\1/p' || true)
  echo "${version:-?}"
}

machine_commit() {
  git rev-parse --short HEAD 2>/dev/null || echo '?'
}

# The lines each benchmark prints before its table.
print_machine() {
  local cpu
  cpu=$(machine_cpu_model)
  echo "machine: $(nproc) CPUs (nproc), ${cpu:-unknown CPU}"
  echo "         $(machine_ram) RAM, kernel $(uname -r), load average $(machine_load)"
  echo "         librdkafka $(machine_librdkafka), kcat $(machine_kcat), samsag $(machine_commit)"
}

# The same as Markdown table rows (| what | value |), for a generated report.
print_machine_rows() {
  local cpu
  cpu=$(machine_cpu_model)
  echo "| CPUs (nproc) | $(nproc) |"
  echo "| CPU | ${cpu:-unknown} |"
  echo "| RAM | $(machine_ram) |"
  echo "| kernel | $(uname -r) |"
  echo "| load average (1, 5, 15 min) at the start | $(machine_load) |"
  echo "| librdkafka | $(machine_librdkafka) |"
  echo "| kcat | $(machine_kcat) |"
  echo "| commit | $(machine_commit) |"
}
