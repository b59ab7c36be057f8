/**
 * The test devices' LAN: one bridge in the hub namespace (scripts/netns-hub.sh) with the hub at
 * 10.79.0.1, and a veth pair per device (10.79.0.<10+index>/24, default route via the hub). Devices
 * reach the hub (where the centre listens) and each other directly over the bridge, as boxes on one
 * site network do; a k3s agent device reaches the server device's :6443 this way.
 *
 * Plain veth rather than the fault tests' VXLAN relay (tests/support/netns.ts): these links only
 * need to be cut, and bundle uploads of tens of MB should run at kernel speed.
 */
import { ip, ipRootMount, requireHubNamespace } from "../netns";

const BRIDGE = "odbr0";
export const DEVICE_HUB_ADDRESS = "10.79.0.1";
const PREFIX_LENGTH = 24;

/** The address of device `index` (0-199). */
export function deviceAddress(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 199) throw new Error(`device index must be 0-199, got ${index}`);
  return `10.79.0.${10 + index}`;
}

/** Names of device `index`'s namespace and of its veth end in the hub (at most 15 characters). */
export function deviceNames(index: number): { hub: string; ns: string; hubVeth: string } {
  const hub = requireHubNamespace();
  return { hub, ns: `${hub}-sd${index}`, hubVeth: `sd${index}` };
}

let bridge: Promise<void> | undefined;

/** Creates the bridge once per process (devices are often created in parallel). */
function ensureBridge(hub: string): Promise<void> {
  bridge ??= (async () => {
    const present = await ip(["-n", hub, "link", "show", BRIDGE]).then(() => true, () => false);
    if (present) return;
    await ip(["-n", hub, "link", "add", BRIDGE, "type", "bridge"]);
    await ip(["-n", hub, "addr", "add", `${DEVICE_HUB_ADDRESS}/${PREFIX_LENGTH}`, "dev", BRIDGE]);
    await ip(["-n", hub, "link", "set", BRIDGE, "up"]);
  })();
  return bridge;
}

/** Creates device `index`'s network namespace, plugged into the bridge and up. */
export async function createDeviceNetwork(index: number): Promise<void> {
  const { hub, ns, hubVeth } = deviceNames(index);
  const address = deviceAddress(index);
  await ensureBridge(hub);
  await ipRootMount(["netns", "add", ns]);
  await ip(["-n", ns, "link", "set", "lo", "up"]);
  await ip(["-n", hub, "link", "add", hubVeth, "type", "veth", "peer", "name", "eth0", "netns", ns]);
  await ip(["-n", hub, "link", "set", hubVeth, "master", BRIDGE]);
  await ip(["-n", hub, "link", "set", hubVeth, "up"]);
  await ip(["-n", ns, "addr", "add", `${address}/${PREFIX_LENGTH}`, "dev", "eth0"]);
  await ip(["-n", ns, "link", "set", "eth0", "up"]);
  await ip(["-n", ns, "route", "add", "default", "via", DEVICE_HUB_ADDRESS]);
}

/** Cuts (both ends down, as with a pulled cable) or restores device `index`'s link. */
export async function setDeviceLink(index: number, up: boolean): Promise<void> {
  const { hub, ns, hubVeth } = deviceNames(index);
  const state = up ? "up" : "down";
  await ip(["-n", hub, "link", "set", hubVeth, state]);
  await ip(["-n", ns, "link", "set", "eth0", state]);
  if (up) await ip(["-n", ns, "route", "replace", "default", "via", DEVICE_HUB_ADDRESS]);
}

/** Removes device `index`'s links and namespace (its processes must be gone). Idempotent. */
export async function removeDeviceNetwork(index: number): Promise<void> {
  const { hub, ns, hubVeth } = deviceNames(index);
  await ip(["-n", hub, "link", "del", hubVeth]).catch(() => undefined);
  await ipRootMount(["netns", "del", ns]).catch(() => undefined);
}
