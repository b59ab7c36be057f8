import type { DeviceAuth } from "@outpost/cluster-core";
import type { SecretBox } from "../../secrets/secret-box";

/** Secrets of a device, each sealed for its own purpose (a value copied elsewhere does not open). */
const purpose = {
  secret: (id: string) => `device:${id}:ssh-secret`,
  passphrase: (id: string) => `device:${id}:ssh-passphrase`,
  datastore: (id: string) => `device:${id}:datastore-endpoint`,
};

export interface SealedAuth {
  authMethod: "key" | "password";
  secretSealed: string;
  passphraseSealed: string | null;
}

export function sealDeviceAuth(box: SecretBox, deviceId: string, auth: DeviceAuth): SealedAuth {
  if (auth.method === "key") {
    return {
      authMethod: "key",
      secretSealed: box.seal(auth.privateKey, purpose.secret(deviceId)),
      passphraseSealed: auth.passphrase ? box.seal(auth.passphrase, purpose.passphrase(deviceId)) : null,
    };
  }
  return { authMethod: "password", secretSealed: box.seal(auth.password, purpose.secret(deviceId)), passphraseSealed: null };
}

export function openDeviceAuth(box: SecretBox, row: { id: string; authMethod: string; secretSealed: string; passphraseSealed: string | null }): DeviceAuth {
  const secret = box.open(row.secretSealed, purpose.secret(row.id)).toString("utf8");
  if (row.authMethod === "password") return { method: "password", password: secret };
  const passphrase = row.passphraseSealed ? box.open(row.passphraseSealed, purpose.passphrase(row.id)).toString("utf8") : undefined;
  return { method: "key", privateKey: secret, passphrase };
}

export function sealDatastoreEndpoint(box: SecretBox, deviceId: string, endpoint: string | undefined): string | null {
  return endpoint ? box.seal(endpoint, purpose.datastore(deviceId)) : null;
}

export function openDatastoreEndpoint(box: SecretBox, row: { id: string; datastoreSealed: string | null }): string | undefined {
  return row.datastoreSealed ? box.open(row.datastoreSealed, purpose.datastore(row.id)).toString("utf8") : undefined;
}
