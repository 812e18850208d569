/**
 * A real RSA key for the app's JWT (Probot signs with it; the emulator and nock don't check the
 * signature). Generating one takes a noticeable moment, so it is made once per test file (jest
 * gives each file its own module registry) and reused.
 */
import { generateKeyPairSync } from "node:crypto";

let cached: string | undefined;

/** A 2048-bit RSA private key in PKCS#1 PEM, the same one for every caller in this test file. */
export function testPrivateKey(): string {
  cached ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return cached;
}
