// 统一社会信用代码 (GB 32100-2015) checks, ported from app/reference/uscc.py so a typing error
// is caught while the user types. The server checks again; its word is final.

export const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"; // no I, O, S, V, Z
const ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
// Weight of position i (1-based) is 3^(i-1) mod 31.
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

export const MESSAGES = {
  format: {
    zh: "统一社会信用代码格式不正确：前8位应为登记管理部门、机构类别和行政区划数字代码",
    en: "The unified social credit code is malformed: its first 8 characters must be digits (registrar, category, region).",
  },
  length: { zh: "统一社会信用代码应为18位", en: "The unified social credit code must be 18 characters long." },
  charset: {
    zh: "统一社会信用代码含有无效字符（只能使用数字和大写字母，不使用I、O、S、V、Z）",
    en: "The unified social credit code contains an invalid character (digits and capital letters only; I, O, S, V and Z are never used).",
  },
  check_character: {
    zh: "统一社会信用代码第18位校验码不正确，请核对是否输错",
    en: "The check character (18th) of the unified social credit code is wrong; please check for a typing error.",
  },
  org_check_character: {
    zh: "统一社会信用代码第17位（组织机构代码校验码）不正确，请核对是否输错",
    en: "The 17th character (the organisation code check character) of the unified social credit code is wrong; please check for a typing error.",
  },
};

// Full-width input ("９１Ｌ", U+3000) is folded by NFKC; spaces and dashes are separators.
export function compact(raw) {
  return String(raw)
    .normalize("NFKC")
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, "-")
    .replace(/[ -]/g, "")
    .toUpperCase()
    .trim();
}

export function checkCharacter(first17) {
  let total = 0;
  for (let i = 0; i < 17; i++) total += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (total % 31)) % 31];
}

export function orgCheckCharacter(body8) {
  let total = 0;
  for (let i = 0; i < 8; i++) total += ORG_ALPHABET.indexOf(body8[i]) * ORG_WEIGHTS[i];
  const value = 11 - (total % 11);
  return value === 10 ? "X" : value === 11 ? "0" : String(value);
}

const badChar = (code) => [...code].some((ch) => !CHARSET.includes(ch));

// {ok, code, division, error}: error names the first rule broken, as the server does.
export function validateUscc(raw, { checkOrgCode = true } = {}) {
  const code = compact(raw);
  const fail = (error) => ({ ok: false, code, error });
  if (code.length !== 18) return fail("length");
  if (badChar(code)) return fail("charset");
  if (!/^[0-9]{8}/.test(code)) return fail("format");
  if (checkCharacter(code.slice(0, 17)) !== code[17]) return fail("check_character");
  if (checkOrgCode && orgCheckCharacter(code.slice(8, 16)) !== code[16]) {
    return fail("org_check_character");
  }
  return { ok: true, code, division: code.slice(2, 8), inHebei: code.startsWith("13", 2) };
}

// Feedback while typing: an error as soon as one is certain, otherwise how far along it is.
export function checkAsTyped(raw) {
  const code = compact(raw);
  if (!code) return { state: "empty", code, count: 0 };
  if (badChar(code)) return { state: "error", code, error: "charset", count: code.length };
  if (!/^[0-9]*$/.test(code.slice(0, 8))) return { state: "error", code, error: "format", count: code.length };
  if (code.length < 18) return { state: "incomplete", code, count: code.length };
  const result = validateUscc(code);
  if (result.ok) return { state: "ok", code, count: 18, division: result.division, inHebei: result.inHebei };
  return { state: "error", code, error: result.error, count: code.length };
}

// The Hebei reporting unit a GB/T 2260 code rolls up to (app/reference/codes.py), or null.
export function unitForDivision(code, regions) {
  if (!/^[0-9]{6}$/.test(code) || !regions) return null;
  const entry = regions.divisions.find((d) => d.code === code);
  if (entry) return entry.unit;
  if (!code.startsWith("13")) return null;
  const candidate = code.slice(0, 4) + "00";
  const unit = regions.units.find((u) => u.code === candidate);
  return unit && unit.kind !== "direct_county" ? candidate : null;
}
