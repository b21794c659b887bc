// The bundle's entry (dist/cli.mjs): kept apart from main() so tests can import main without running it.
import { main } from "./main";

main(process.argv.slice(2)).then(
  // Exit explicitly: an abandoned in-flight send or socket would otherwise keep the process alive.
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`hookscope: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
