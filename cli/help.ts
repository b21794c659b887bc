export const MAIN_HELP = `hookscope: command-line tools for a Hookscope webhook inspector

Usage:
  hookscope <command> [options]

Commands:
  serve                       start the Hookscope server (web app, capture URLs and API)
  forward <link> --to <url>   forward every new request of a bin to a local URL, live
  replay <fixtures> --to <url>
                              send a fixture set (captured requests) to a handler and check its
                              answers: a regression test for CI
  healthcheck                 exit 0 if a running server answers its health check, else 1
  help [command]              show this help, or a command's help

Options:
  -h, --help                  show help
  -v, --version               print the version

Run "hookscope <command> --help" for a command's options.
`;

export const SERVE_HELP = `hookscope serve: start the Hookscope server in this process

Usage:
  hookscope serve [options]

Options:
  --port <N>            port to listen on (default: the PORT environment variable, else 3000; 0 picks
                        a free one)
  --host <address>      address to listen on (default: HOST, else 0.0.0.0: every interface)
  --data <folder>       keep the SQLite database in this folder, created if missing (default: the
                        HOOKSCOPE_DATA environment variable, else ~/.hookscope); not with DATABASE_URL
  --config <file>       declare bins in a YAML or JSON file, applied at every start (the
                        HOOKSCOPE_CONFIG environment variable does the same)
  -h, --help            show this help

Every other setting is an environment variable (README: configuration): DATABASE_URL=postgres://...
for PostgreSQL, PUBLIC_URL, TRUST_PROXY, METRICS_TOKEN, BIN_TTL_DAYS, ... Stop with Ctrl+C or SIGTERM:
captures in flight are finished first.
`;

export const HEALTHCHECK_HELP = `hookscope healthcheck: ask a running server whether it is healthy (for container health checks)

Usage:
  hookscope healthcheck [options]

Options:
  --url <origin>        the server to ask (default: http://127.0.0.1:<PORT, else 3000>)
  --timeout <s>         how long to wait for the answer (default 5)
  -h, --help            show this help

Exits 0 when GET /api/health answers 200 (the database answers), 1 otherwise, printing one line.
`;

export const FORWARD_HELP = `hookscope forward: send every request a bin captures to a URL on this machine, as it arrives

Usage:
  hookscope forward <link> [<link> ...] --to <url> [options]

Arguments:
  <link>                a bin's owner link, <origin>/bins/<binId>#owner=<token>; or its inspect
                        link <origin>/bins/<binId> (or capture URL <origin>/h/<binId>) with --token.
                        Several links forward several bins at once.

Options:
  --to <url>            where to send each request, e.g. http://localhost:3000/webhooks; a captured
                        subpath and query are appended: /h/<binId>/stripe?x=1 goes to
                        http://localhost:3000/webhooks/stripe?x=1
  --route <rule>        PATTERN=URL, repeatable, first match wins, before --to; e.g.
                        --route "/stripe/*=http://localhost:3000/webhooks/stripe" sends
                        /h/<binId>/stripe/events to .../webhooks/stripe/events; "/github=URL" takes
                        that exact subpath only
  --token <token>       the bins' owner token, when the links do not carry it
                        (default: the HOOKSCOPE_TOKEN environment variable)
  --name <name>         this forwarder's name (default: this machine's name and a digest of the
                        targets); the server keeps its place in each bin under that name
  --concurrency <N>     deliver up to N requests at once (default 1: one at a time, in capture
                        order); above 1 is faster but requests may arrive out of order
  --respond             answer each original sender with your app's response (status, headers,
                        body), for Slack slash commands, Twilio TwiML, Discord interactions
  --respond-timeout <s> with --respond: how long a sender waits for your app (default 10, max 60);
                        then it gets 504
  --retry-for <s>       how long to keep retrying while your app refuses connections (restarting)
                        before a delivery is reported as failed (default 30; 0: no retries)
  --replay-last <N>     first re-send the bin's last N captures, oldest first (default 0)
  --timeout <s>         how long to wait for your app's answer to each request (default 30)
  --quiet               print only failed deliveries, notices and the summary
  --resign-with-env <VAR>
                        sign each request again, now, with the secret in environment variable VAR,
                        for the URL it is sent to (fresh timestamp, fresh id where the scheme signs
                        one), so a handler that checks signatures and their age accepts it
  --resign-scheme <id>  with --resign-with-env: the scheme to sign for, e.g. stripe, github, svix
                        (default: the one each request's own signature headers show)
  -h, --help            show this help

Each request is sent byte for byte (method, headers in their order, body of any size) and what
your app answered is reported back to the inspector. One line is printed per delivery: time,
method, path, status (or error), duration and size; a summary when it stops.

Nothing is lost while it is stopped: the server keeps this forwarder's place, and a restart with
the same command line delivers what arrived meanwhile first. Retention keeps captures it has not
delivered (up to the server's FORWARD_BACKLOG_MAX beyond the bin's limit; anything removed past
that is reported, never skipped in silence). After Ctrl+C or SIGTERM nothing is delivered twice;
after SIGKILL, requests delivered in the last moments (in flight, or not yet reported: about 50 ms
of deliveries) are delivered again on restart.

Re-signing happens here, not on the server: the secret stays on this machine (in an environment
variable, not on the command line) and the URL signed is the local one your app sees. A request
that cannot be re-signed (no scheme detected, or a public-key scheme) is not sent, and says why.

Environment:
  HOOKSCOPE_TOKEN       owner token used when neither the link nor --token gives one
`;

export const REPLAY_HELP = `hookscope replay: send captured requests (a fixture set) to a handler and check what it answers

Usage:
  hookscope replay <fixtures.json> --to <url> [options]
  hookscope replay <fixtures.json> --example vitest|pytest [--to <url>] > <test file>

A fixture set is exported from the inspector (Export → Fixtures) or from
GET /api/bins/<binId>/export?format=fixtures[&ids=<id>,<id>]: each request's exact bytes, headers in
order, method, subpath, query and the name of the signature scheme it carries; never a secret.

Options:
  --to <url>            the handler; each fixture's subpath and query are appended, as with forward
  --expect <rule>       what every answer must show, repeatable (default 2xx): 2xx, 4xx…; a status
                        such as 204; or json-path=value such as $.received=true or data.id="evt_1"
                        (the value is JSON, else text)
  --resign-with-env <VAR>
                        sign each fixture again, now, with the secret in environment variable VAR,
                        for the URL it is sent to, with the scheme the fixture names (fresh
                        timestamp and id): captured signatures are stale by the time CI runs
  --resign-scheme <id>  with --resign-with-env: sign for this scheme instead of each fixture's own
  --junit <file>        also write a JUnit XML report there, for CI
  --timeout <s>         how long to wait for each answer (default 30)
  --duplicate <N>       chaos: send each fixture N times, the same bytes (a provider's retries)
  --reorder <W>         chaos: reverse the order within each window of W fixtures
  --delay <ms>          chaos: wait this long between fixtures
  --drip <bytes/s>      chaos: write each body at this rate, a tenth of a second's worth at a time
                        (a slow sender): shows how the handler's read timeouts answer
  --stale               chaos: also send each re-signed fixture with its captured (old) signature;
                        a 2xx answer is reported as a finding
  --counter <url>       chaos: a URL of your handler answering JSON with a count of processed
                        events, read before and after: more than one per fixture means duplicates
                        were processed (without it, that cannot be seen and is not claimed)
  --counter-path <path> where the count is in that JSON (default $.count)
  --example <kind>      print an example test file for vitest or pytest that sends the same
                        fixtures (from a file of this name beside it) and expects 2xx; sends nothing
  -h, --help            show this help

Fixtures are sent one at a time, in order. One line per attempt: ✓ or ✗, method, subpath, status,
duration; under a ✗, each unmet expectation as "expected … / got …"; then what the chaos options
found. Exit status: 0 when every check passed, 1 when any did not (or could not be sent), including
a stale signature accepted or duplicates counted twice.
`;
