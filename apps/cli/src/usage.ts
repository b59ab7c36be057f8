export const USAGE = `outpost — Outpost's operator command line

Bundles (signed, content-addressed sets of files for air-gapped k3s sites):
  outpost bundle create --name NAME --version V --out DIR [--arch amd64|arm64|arm] [--k3s-version V]
                        [--k3s FILE] [--install-script FILE] [--images FILE]... [--chart FILE]...
                        [--manifest FILE]... [--agent FILE] [--file SRC:TARGET]... [--chunk-bytes N]
      Writes DIR/manifest.json and DIR/blobs/<sha256>. Targets follow k3s's layout
      (/usr/local/bin/k3s, /var/lib/rancher/k3s/agent/images/, .../server/static/charts/,
      .../server/manifests/); --file puts a file at TARGET inside one of those directories.
  outpost bundle push DIR        upload the blobs the centre lacks, have the centre sign the
                                 manifest; writes DIR/manifest.sig (the directory is then
                                 importable on a device: outpost-agent import DIR)
  outpost bundle pull ID DIR     download a signed bundle into a new directory (for a USB stick)
  outpost bundle list            bundles at the centre
  outpost bundle show ID         a bundle's files, assignments and where it stands on each cluster
  outpost bundle assign ID (--cluster NAME|ID | --selector 'env=prod,tier!=edge')
  outpost bundle delete ID --yes

Centre and credentials (never on the command line):
  --server URL           or OUTPOST_SERVER
  --token-file FILE      a file holding an API token (create one under "API tokens"); or OUTPOST_TOKEN

Exit codes: 0 done, 1 the operation failed, 2 bad usage.
`;
