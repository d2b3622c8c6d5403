/** The Secret behind a Gateway's credentialName, judged as istiod judges it: the certificate and key
 *  (istio/istio pilot/pkg/credentials/kube/secrets.go ExtractCertInfo), then the first PEM block's
 *  certificate, valid at the time of the check (pilot/pkg/xds/sds.go ValidateCertificate). The core
 *  parses no X.509 itself: the edges hand it a reader (server/src/certificates.ts). Certificates from
 *  istioctl's testdata (test/analysis/istioctl). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { nodeCertificates } from '../../server/src/certificates';
import { credentialProblem, firstPemBlock } from '../../server/src/core/analysis/validation/certificates';
import type { Secret } from '../../server/src/core/model/secret';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

function secret(file: string, name: string): Secret {
  const snap = buildSnapshot([[file, readFileSync(`test/analysis/istioctl/${file}`, 'utf8')]]);
  const found = snap.ofKind('Secret').find((s) => s.meta.name === name);
  assert.ok(found, `${name} in ${file}`);
  return found;
}

const EXPIRED = secret('gateway-secrets-validation.yaml', 'expired-secret');
const VALID = secret('gateway-secrets.yaml', 'httpbin-credential');

describe('gateway credentials (IST0161)', () => {
  it('an expired certificate is invalid now, and valid within its dates', () => {
    assert.match(credentialProblem(EXPIRED, nodeCertificates(Date.parse('2026-01-01T00:00:00Z'))) ?? '', /expired on 2023-03-14T06:15:41/);
    assert.equal(credentialProblem(EXPIRED, nodeCertificates(Date.parse('2023-03-14T04:00:00Z'))), undefined);
    assert.match(credentialProblem(EXPIRED, nodeCertificates(Date.parse('2020-01-01T00:00:00Z'))) ?? '', /not valid before 2023-03-14/);
  });

  it('a certificate valid until 2122 is fine today; without a reader only keys and PEM are checked', () => {
    assert.equal(credentialProblem(VALID, nodeCertificates(Date.parse('2026-12-07T00:00:00Z'))), undefined);
    assert.equal(credentialProblem(EXPIRED), undefined);
  });

  it('PEM framing that holds no X.509 certificate is reported by the reader', () => {
    const garbage: Secret = { ...VALID, data: {}, stringData: { 'tls.crt': '-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n', 'tls.key': 'k' } };
    assert.deepEqual([...(firstPemBlock(garbage.stringData['tls.crt']) ?? [])], [...'hello'].map((c) => c.charCodeAt(0)));
    assert.match(credentialProblem(garbage, nodeCertificates(0)) ?? '', /cannot be parsed/);
    assert.equal(credentialProblem(garbage), undefined);
  });

  it('keys: cert/key first, then tls.crt/tls.key; empty values and other names are reported', () => {
    const only = (values: Record<string, string>): Secret => ({ ...VALID, data: {}, stringData: values });
    assert.match(credentialProblem(only({ 'tls.crt': '', 'tls.key': '' })) ?? '', /"tls.crt" and "tls.key" are empty/);
    assert.match(credentialProblem(only({ 'ca.crt': 'x' })) ?? '', /found: ca.crt/);
    assert.match(credentialProblem(only({ cert: 'not pem', key: 'k', 'tls.crt': VALID.data['tls.crt'], 'tls.key': 'k' })) ?? '', /not PEM/, 'cert/key win over tls.crt/tls.key');
    assert.match(credentialProblem({ ...VALID, data: { 'tls.crt': '%%%', 'tls.key': 'eA==' } }) ?? '', /not base64/);
  });
});
