# Sourced by scripts/needmap and scripts/bench-*: the JVM flags and environment every needmap JVM
# needs on Java 17 (Spark's --add-opens list, pure-Java netlib so MLlib and Smile share one JVM,
# loopback-only Spark, scratch space), kept in one place. Expects ROOT to be set.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
NEEDMAP_TMP_DIR="${NEEDMAP_TMP:-${TMPDIR:-/tmp}/needmap-$(id -un)}"
export SPARK_LOCAL_DIRS="${SPARK_LOCAL_DIRS:-$NEEDMAP_TMP_DIR}"
mkdir -p "$NEEDMAP_TMP_DIR"
NEEDMAP_JVM_FLAGS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
  -Ddev.ludovic.netlib.blas.nativeLib=none.so -Ddev.ludovic.netlib.lapack.nativeLib=none.so
  -Ddev.ludovic.netlib.arpack.nativeLib=none.so
  -Djava.io.tmpdir="$NEEDMAP_TMP_DIR"
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.xml"
)
NEEDMAP_JAR="$ROOT/jobs/target/needmap-0.1.0.jar"
NEEDMAP_CLASSPATH_FILE="$ROOT/jobs/target/provided-classpath.txt"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

needmap_needs_build() {
  [[ ! -f "$NEEDMAP_JAR" || ! -f "$NEEDMAP_CLASSPATH_FILE" ]] && return 0
  [[ -n "$(find "$ROOT/pom.xml" "$ROOT/pipeline" "$ROOT/jobs/pom.xml" "$ROOT/jobs/src" "$ROOT/conf" \
      -newer "$NEEDMAP_JAR" -type f -not -path '*/target/*' -print -quit)" ]]
}

# NEEDMAP_NO_BUILD=1 (set by scripts/bench after its one build) keeps the jar as it is, so that a source
# edited while a benchmark runs cannot put a build inside a measured run.
needmap_build_if_needed() {
  [[ -n "${NEEDMAP_NO_BUILD:-}" ]] && return 0
  if needmap_needs_build; then
    echo "needmap: building (first run downloads dependencies, ~1.5 GB)..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests package >&2)
  fi
}
