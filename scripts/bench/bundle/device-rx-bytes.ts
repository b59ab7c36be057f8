import type { Device } from "../../../tests/support/netns";

/** Bytes the device's interface has received (IP packets with their headers: everything on the link). */
export async function deviceRxBytes(device: Device): Promise<number> {
  const r = await device.run("cat", [`/sys/class/net/${device.interfaceName}/statistics/rx_bytes`]);
  if (r.code !== 0) throw new Error(`cannot read rx_bytes in ${device.name}: ${r.stderr}`);
  return Number(r.stdout.trim());
}
