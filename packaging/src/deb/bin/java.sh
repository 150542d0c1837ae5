# Sourced by the parkedge launchers: picks the Java 17 runtime and sets the shipped JVM options.
# The options are the ones measured in gateway/README.md ("Daemon benchmark"); change them there.

# A Java 17 runtime: $JAVA_HOME when set, else Debian's OpenJDK 17, else whatever java is.
java=
if [ -n "${JAVA_HOME:-}" ] && [ -x "${JAVA_HOME:-}/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
else
  for candidate in /usr/lib/jvm/java-17-openjdk-*/bin/java; do
    if [ -x "$candidate" ]; then java="$candidate"; break; fi
  done
fi
if [ -z "$java" ]; then
  java=$(command -v java || true)
fi
if [ -z "$java" ]; then
  echo "parkedge: no Java runtime found; install openjdk-17-jre-headless" >&2
  exit 1
fi

PARKEDGE_JVM_OPTIONS="@JVM_OPTIONS@"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# The class-data sharing archive built at install (postinst): used only when it exists and was
# made by this very runtime for this very jar, so that a Java update never makes the JVM warn.
cds=
if [ -r "$archive" ] && [ -r "$archive.stamp" ] \
  && [ "$(cat "$archive.stamp")" = "$(readlink -f "$java") $(stat -c %Y-%s "$jar")" ]; then
  cds="-XX:SharedArchiveFile=$archive -Xshare:auto"
fi
