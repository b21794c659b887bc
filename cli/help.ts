export const MAIN_HELP = `hookscope: command-line tools for a Hookscope webhook inspector

Usage:
  hookscope <command> [options]

Commands:
  forward <link> --to <url>   forward every new request of a bin to a local URL, live
  help [command]              show this help, or a command's help

Options:
  -h, --help                  show help
  -v, --version               print the version

Run "hookscope forward --help" for the forward command's options.
`;

export const FORWARD_HELP = `hookscope forward: send every request a bin captures to a URL on this machine, as it arrives

Usage:
  hookscope forward <link> --to <url> [options]

Arguments:
  <link>                the bin's owner link, <origin>/bins/<binId>#owner=<token>; or its inspect
                        link <origin>/bins/<binId> (or capture URL <origin>/h/<binId>) with --token

Options:
  --to <url>            where to send each request (required), e.g. http://localhost:3000/webhooks;
                        a captured subpath and query are appended: /h/<binId>/stripe?x=1 goes to
                        http://localhost:3000/webhooks/stripe?x=1
  --token <token>       the bin's owner token, when the link does not carry it
                        (default: the HOOKSCOPE_TOKEN environment variable)
  --replay-last <N>     first re-send the bin's last N captures, oldest first (default 0)
  --timeout <seconds>   how long to wait for the target's answer to each request (default 30)
  --quiet               print only failed deliveries and errors
  -h, --help            show this help

Each request is sent byte for byte (method, headers in their order, body), one at a time in the
order it was captured, and what the target answered is reported back to the inspector. One line
is printed per delivery: time, method, path, status (or error) and duration. After a dropped
connection it reconnects and forwards what was captured meanwhile, each request exactly once.
Stop with Ctrl+C.

Environment:
  HOOKSCOPE_TOKEN       owner token used when neither the link nor --token gives one
`;
