// Public surface of TLS recognition (no decryption): see sniff.ts.
export { sniffTls, type TlsSniff } from './sniff.ts';
