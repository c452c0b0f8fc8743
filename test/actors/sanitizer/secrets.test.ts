import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { describe, expect, it } from "vitest"
import { scan, type Finding } from "../../../actors/sanitizer/internal/engine.ts"
import { scanRule, scanSecrets, SECRET_RULES } from "../../../actors/sanitizer/internal/secrets.ts"
import { rng } from "../../../scripts/lib/datasets.ts"

const datasets = process.env["IRONCLAW_DATASETS"] ?? resolve(import.meta.dirname, "..", "..", "..", "..", "shared", "datasets")

// Synthetic values in each provider's format (not real credentials).
const POSITIVES: Record<string, string> = {
  "secret.aws-access-key": "AKIAZ7Q3LXMP2RT5VW6Y",
  "secret.github-token": "ghp_R8fK2mQ9xLw3Tz7Vb1Nc5Hd0Pj6Ys4Ga8Ue2",
  "secret.github-pat": `github_pat_11ABCDEFG0${"a1B2c3D4e5".repeat(7)}Zy9Xw8Vu7Ts6`,
  "secret.openai-key": "sk-proj-Xq7Lm2Np9Rt4Vw8Yz3Bc6Df1Gh5Jk0Mn2Pq7St9Uv4Wx8Ya3",
  "secret.anthropic-key": `sk-ant-api03-${"Zk8Qw2Lp5Rt9Vm3Xc7Bn1".repeat(4)}aBcDeFgHiJkLmNoPqRsT-AA`,
  "secret.slack-token": "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
  "secret.stripe-key": "sk_live_51HqLm2Np9Rt4Vw8Yz3Bc6Df1",
  "secret.google-api-key": "AIzaSyB7cL9mN2pQ4rS6tU8vW0xY1zA3bC5dE7f",
  "secret.jwt": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
  "secret.generic-assignment": 'api_key = "q8Z3mW7pL2xR9tV4nB6cY1"'
}

describe("inbound secret scan", () => {
  it("finds each provider's format, critical, without echoing the value", () => {
    for (const [id, value] of Object.entries(POSITIVES)) {
      const text = `here you go: ${value} thanks`
      const found = scanSecrets(text)
      expect(found.map((f) => f.id), id).toContain(id)
      for (const f of found) {
        expect(f.severity).toBe("critical")
        expect(f.family).toBe("secret")
        expect(f.message).not.toContain(value)
        expect(f.message).not.toContain(value.slice(8, 20))
      }
    }
  })

  it("finds a PEM private key (detect-secrets test data)", () => {
    const pem = readFileSync(join(datasets, "detect-secrets", "test_data", "files", "private_key"), "utf8")
    expect(scanSecrets(pem).map((f) => f.id)).toContain("secret.private-key")
  })

  it("is part of scan", () => {
    expect(scan(`my key ${POSITIVES["secret.aws-access-key"]}`, { model: null }).findings.map((f) => f.id)).toContain("secret.aws-access-key")
  })

  it("stays quiet on detect-secrets negatives", () => {
    for (const file of ["only_comments.yaml", "word_list.txt"]) {
      const text = readFileSync(join(datasets, "detect-secrets", "test_data", file), "utf8")
      expect(scanSecrets(text), file).toEqual([])
    }
  })

  it("agrees with the reference implementation's leak-detector seeds", () => {
    const dir = join(datasets, "ironclaw-safety-corpus", "crates", "substrates", "ironclaw_safety", "fuzz", "corpus", "fuzz_leak_detector")
    const read = (f: string): string => readFileSync(join(dir, f), "utf8")
    const expected: Record<string, string> = {
      aws_key: "secret.aws-access-key", github_token: "secret.github-token", github_pat: "secret.github-pat", openai_key: "secret.openai-key",
      anthropic_key: "secret.anthropic-key", stripe_key: "secret.stripe-key", slack_token: "secret.slack-token", pem_key: "secret.private-key",
      ssh_key: "secret.private-key", bearer_token: "secret.bearer-token", sendgrid_key: "secret.sendgrid-key"
    }
    for (const [file, id] of Object.entries(expected)) expect(scanSecrets(read(file)).map((f) => f.id), file).toContain(id)
    expect(scanSecrets(read("multiple_secrets")).map((f) => f.id).sort()).toEqual(["secret.aws-access-key", "secret.github-token"])
    for (const file of ["clean_text", "near_miss_short"]) expect(scanSecrets(read(file)), file).toEqual([])
  })

  it("stays quiet on look-alikes", () => {
    const negatives = [
      "AKIANOTREAL",
      "password = hunter2",
      'token: "the-quick-brown-fox-jumps"',
      "sk-ant- is the Anthropic key prefix",
      "ghp_ tokens are 40 characters long",
      "The API key goes in the Authorization header."
    ]
    for (const n of negatives) expect(scanSecrets(n), n).toEqual([])
  })
})

describe("secret rules tried only at their opening literals", () => {
  const reference = (text: string): Array<Finding> => {
    const findings: Array<Finding> = []
    for (const rule of SECRET_RULES) scanRule(rule, text, new RegExp(rule.re.source, rule.re.flags), findings)
    return findings
  }
  it("find the same as a global scan of every rule, on random text around secret formats", () => {
    const pieces = [
      ...Object.values(POSITIVES), "AKIA", "A3TX", "ghp_", "github_pat_", "sk-", "sk-ant-", "sk-proj-", "T3BlbkFJ", "xoxb-", "hooks.slack.com/services/", "sk_live_", "rk_test_",
      "SG.", "Bearer ", "AIza", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN ", "PRIVATE KEY", "ey", "eyJ", ".ey", "api_key=", "API-KEY: ", "Password=", "passwd:", "token = '", "SECRET",
      "q8Z3mW7pL2xR9tV4nB6cY1", "aB3dE5gH7jK9mN1pQ3sT5vX7", "0123456789", "abcdefghij", " ", "\n", "=", ":", "\"", "'", "-", "_", ".", "İ", "é", "\u200b"
    ]
    const rand = rng(3)
    for (let k = 0; k < 1500; k++) {
      let text = ""
      const len = 1 + Math.floor(rand() * 30)
      for (let j = 0; j < len; j++) text += pieces[Math.floor(rand() * pieces.length)] as string
      expect(scanSecrets(text), text).toEqual(reference(text))
    }
  })
})
