// Provisioning through the browser against test devices (network + mount namespaces with a real
// sshd). Run with `sudo -E bash scripts/device-tests.sh --e2e` (root; needs `npm run build`).
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD } from "../../tests/support/centre";
import { createTestDevice, destroyAllTestDevices, type TestDevice } from "../../tests/support/devices/create-test-device";
import { generateSshKey, type SshKeyPair } from "../../tests/support/devices/generate-ssh-key";
import { startProvisioningCentre, type ProvisioningCentre } from "../../tests/support/devices/provisioning-centre";
import { signIn } from "../support/fleet-fixture";

test.describe.configure({ mode: "serial" });

let pc: ProvisioningCentre;
let key: SshKeyPair;
let server: TestDevice;
let agent: TestDevice;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  key = await generateSshKey("outpost-e2e");
  pc = await startProvisioningCentre();
  await pc.site("lighthouse");
  [server, agent] = await Promise.all([createTestDevice({ index: 30, hostname: "lighthouse-k3s" }), createTestDevice({ index: 31, hostname: "lighthouse-till" })]);
  await server.authorize("root", key.publicKey);
  await agent.authorize("root", key.publicKey);
});

test.afterAll(async () => {
  await destroyAllTestDevices();
  await pc?.close();
});

test("adding a device through the form shows its job's live log until the new cluster is online", async ({ page }) => {
  await signIn(page, pc.centre.url, "admin", ADMIN_PASSWORD);
  await page.getByRole("link", { name: "Devices" }).click();
  await expect(page.getByText("No devices yet")).toBeVisible();
  await page.getByRole("button", { name: "Add device" }).first().click();
  const form = page.getByRole("form", { name: "Add device" });
  await form.getByLabel("Host").fill(server.address);
  await form.getByLabel("Device name").fill("lighthouse-k3s");
  await form.getByLabel("User").fill("root");
  await form.getByRole("textbox", { name: "Private key" }).fill(key.privateKey);
  await form.getByLabel("Cluster name").fill("lighthouse");
  await form.getByText("k3s options").click();
  await form.getByLabel("traefik").check();
  await form.getByRole("button", { name: "Add and provision" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "lighthouse-k3s" })).toBeVisible();
  const log = page.getByRole("log", { name: "Job log" });
  // Lines arrive while the job runs (the socket), long before it ends.
  await expect(log).toContainText("first contact: pinned host key SHA256:", { timeout: 30_000 });
  await expect(page.locator("[data-step=upload]")).toContainText(/running|succeeded/, { timeout: 60_000 });
  await expect(page.getByRole("region", { name: /^Job: / })).toHaveAttribute("data-status", "succeeded", { timeout: 240_000 });
  await expect(log).toContainText("cluster lighthouse is online: the agent dialled home");
  await expect(log).toContainText("node lighthouse-k3s is Ready");
  // The pinned fingerprint is shown with the device's facts (and in the log).
  await expect(page.getByText(await server.hostKeyFingerprint(), { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "lighthouse", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "lighthouse" })).toBeVisible();
  // Connected at once; "Degraded" until a few quick heartbeats on a busy machine.
  await expect(page.getByText("Online", { exact: true }).first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("table", { name: "Nodes" })).toContainText("lighthouse-k3s");
});

test("Add node joins a second device over SSH and the cluster shows 2 nodes Ready", async ({ page }) => {
  const [cluster] = await pc.admin.ok<{ id: string; name: string }[]>("GET", "/api/v1/clusters");
  await signIn(page, pc.centre.url, "admin", ADMIN_PASSWORD);
  await page.goto(`${pc.centre.url}/clusters/${cluster!.id}`);
  await page.getByRole("button", { name: "Add node" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a node to lighthouse" });
  await dialog.getByRole("tab", { name: "Over SSH" }).click();
  await dialog.getByLabel("Host").fill(agent.address);
  await dialog.getByLabel("Device name").fill("lighthouse-till");
  await dialog.getByRole("textbox", { name: "Private key" }).fill(key.privateKey);
  await dialog.getByRole("button", { name: "Join over SSH" }).click();
  await expect(dialog.getByRole("log", { name: "Job log" })).toContainText(`joining https://${server.address}:6443`, { timeout: 60_000 });
  await expect(dialog.getByRole("log", { name: "Job log" })).toContainText("node lighthouse-till is Ready", { timeout: 240_000 });
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTitle("2 of 2 nodes ready")).toBeVisible({ timeout: 30_000 });
  const nodes = page.getByRole("table", { name: "Nodes" });
  await expect(nodes).toContainText("lighthouse-till");
  await expect(nodes.getByText("Ready", { exact: true })).toHaveCount(2);
});
