export const USAGE = `Usage: outpost-agent --server URL [--registration-token-file PATH]
                     (--kubeconfig PATH | --simulate NAME)
                     [--state-dir DIR] [--heartbeat-interval SECONDS] [--root DIR] [--insecure-plain-http]
       outpost-agent import DIR [--state-dir DIR] [--root DIR]

Connects this device's k3s cluster (or a simulated one) to an Outpost centre.

Options (environment fallback in brackets):
  --server URL                  centre base URL, https://host[:port][/prefix]   [OUTPOST_SERVER]
  --registration-token-file PATH
                                file holding the one-time token; only needed until the
                                agent has registered and saved its credential
                                [OUTPOST_REGISTRATION_TOKEN_FILE, or the token itself
                                in OUTPOST_REGISTRATION_TOKEN]. Never on the command line.
  --insecure-plain-http         allow an http:// centre (labs only: credentials and
                                kubectl sessions travel unencrypted)   [OUTPOST_INSECURE_PLAIN_HTTP=1]
  --kubeconfig PATH             real cluster, e.g. /etc/rancher/k3s/k3s.yaml   [OUTPOST_KUBECONFIG]
  --simulate NAME               simulated cluster, deterministic from NAME    [OUTPOST_SIMULATE]
  --state-dir DIR               where credential.json lives
                                (default /var/lib/outpost-agent)   [OUTPOST_AGENT_STATE_DIR]
  --heartbeat-interval SECONDS  default 5   [OUTPOST_HEARTBEAT_INTERVAL]
  --root DIR                    where bundles place k3s's files (/usr/local/bin/k3s,
                                /var/lib/rancher/k3s/...); default /   [OUTPOST_ROOT]
  --k3s-token-file PATH         the k3s server's join token, handed to the centre when it joins
                                a node (default /var/lib/rancher/k3s/server/node-token)
                                [OUTPOST_K3S_TOKEN_FILE]
  --version                     print the agent version
  -h, --help                    print this help

import DIR installs a bundle from a directory (e.g. a USB stick made with \`outpost bundle pull\`)
without a link: it checks the centre's signature with the key pinned at registration and every
blob, then places the files exactly as a transfer over the tunnel would; the centre learns of it
when the link returns. Bundles travel in STATE_DIR/bundles (a content-addressed store).

Exactly one of --kubeconfig and --simulate. A flag given on the command line wins over the
environment; if either cluster flag is on the command line, both cluster variables are ignored.
Simulated clusters change every OUTPOST_SIM_CHANGE_INTERVAL_MS (default 15000) ms; SIGUSR2
toggles a simulated node's Ready state.

Exit codes: 0 stopped by SIGTERM/SIGINT, 2 bad arguments or local state,
            3 rejected by the centre (token used or expired, credential revoked), 1 other errors.
`;
