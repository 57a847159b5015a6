// The web platform APIs the shared core uses, present in Node, workerd and browsers alike: declared here, narrowly,
// so that nothing runtime-specific (Node's modules, Worker bindings, the DOM) can be used by the core at all.

interface TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>
}
declare var TextEncoder: { new (): TextEncoder }

interface TextDecoder {
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string
}
declare var TextDecoder: { new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder }

interface SubtleCrypto {
  digest(algorithm: 'SHA-256', data: ArrayBufferView<ArrayBuffer> | ArrayBuffer): Promise<ArrayBuffer>
}
declare var crypto: { readonly subtle: SubtleCrypto }
