// The push encryption's reference implementation ships no types; the tests use only its decrypt.
declare module "http_ece" {
  import type { ECDH } from "node:crypto";
  const ece: {
    decrypt(body: Buffer, params: { version: "aes128gcm"; privateKey: ECDH; authSecret: Buffer }): Buffer;
  };
  export default ece;
}
