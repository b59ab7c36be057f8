"use client";

import { useState } from "react";
import { describedBy } from "../ui/described-by";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { TextField } from "./text-field";

/**
 * How the centre logs in: user, then a private key (with its passphrase, if any) or a password.
 * Secrets are sent once and never shown again.
 */
export function DeviceLoginFields({ errors, idPrefix, defaultUser = "root" }: { errors: Record<string, string>; idPrefix: string; defaultUser?: string }) {
  const [method, setMethod] = useState<"key" | "password">("key");
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <TextField id={id("username")} name="username" label="User" defaultValue={defaultUser} error={errors.username} hint="root, or a user that may sudo without a password" mono />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Authentication</legend>
        <div className="flex gap-4 text-sm">
          {(["key", "password"] as const).map((m) => (
            <label key={m} className="flex items-center gap-2">
              <input type="radio" name="authMethod" value={m} checked={method === m} onChange={() => setMethod(m)} />
              {m === "key" ? "Private key" : "Password"}
            </label>
          ))}
        </div>
        {method === "key" ? (
          <>
            <FormField id={id("key")} label="Private key" error={errors["auth.privateKey"]} hint="Paste the whole key (OpenSSH or PEM); it is stored encrypted and never shown again">
              <textarea
                id={id("key")}
                name="privateKey"
                rows={4}
                spellCheck={false}
                placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
                aria-invalid={!!errors["auth.privateKey"]}
                aria-describedby={describedBy(id("key"), errors["auth.privateKey"], true)}
                className={`${inputClasses(!!errors["auth.privateKey"])} font-mono text-xs`}
              />
            </FormField>
            <TextField id={id("passphrase")} name="passphrase" type="password" label="Key passphrase (if any)" error={errors["auth.passphrase"]} />
          </>
        ) : (
          <TextField id={id("password")} name="password" type="password" label="Password" error={errors["auth.password"]} hint="Stored encrypted; never shown again" />
        )}
      </fieldset>
    </>
  );
}
