import type { DeviceView } from "@outpost/cluster-core";
import { RelativeTime } from "../ui/relative-time";

/** What the centre knows about a device: address, pinned host key, what preflight found. */
export function DeviceFacts({ device }: { device: DeviceView }) {
  const f = device.facts as { osName?: string; arch?: string; memAvailableKiB?: number; hostname?: string };
  const facts = [
    { term: "Login", value: <span className="font-mono">{`${device.username}@${device.host}:${device.port}`}</span>, note: device.authMethod === "key" ? "private key" : "password" },
    {
      term: "Host key",
      value: device.hostKey ? <span className="font-mono break-all">{device.hostKey.fingerprint}</span> : "not pinned yet (pinned at first contact)",
      note: device.hostKey ? (
        <>
          {device.hostKey.type}, pinned <RelativeTime iso={device.hostKey.pinnedAt} />
        </>
      ) : null,
    },
    { term: "System", value: f.osName ? `${f.osName} (${f.arch})` : "—", note: f.hostname ? `host name ${f.hostname}` : null },
    { term: "Site", value: device.siteName, note: null },
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-2">
      {facts.map((x) => (
        <div key={x.term}>
          <dt className="text-xs font-medium text-slate-500">{x.term}</dt>
          <dd className="mt-0.5 text-slate-900">{x.value}</dd>
          {x.note && <dd className="text-xs text-slate-500">{x.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
