/**
 * What a vendor's official SDK declares it reads, as a contract: the model declarations (`*.d.ts`) its
 * code generator wrote (HubSpot's classes, Pipedrive's interfaces), loaded from the installed package
 * and checked against what a call gave back. A required member that is missing, a value of another
 * type, a date that does not parse or a value outside an enum is a place where the fake answers what
 * the SDK cannot read. Pipedrive publishes no OpenAPI document here: its SDK's models are the spec.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Type =
  | { kind: 'primitive'; name: string }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'array'; of: Type }
  | { kind: 'map'; of: Type }
  | { kind: 'object'; members: Member[] }
  | { kind: 'union' | 'all'; of: Type[] }
  | { kind: 'ref'; name: string };
interface Member {
  name: string;
  optional: boolean;
  type: Type;
}

const PRIMITIVES = new Set(['string', 'number', 'boolean', 'any', 'unknown', 'object', 'null', 'undefined', 'Date', 'never']);

/** Splits `text` at `separator` where no bracket is open. */
function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ('{<(['.includes(c)) depth++;
    else if ('}>)]'.includes(c)) depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter(Boolean);
}

function parseMembers(body: string): Member[] {
  return splitTop(body, ';').flatMap((member) => {
    const match = /^(?:readonly\s+)?'?([\w$]+)'?(\?)?\s*:\s*([\s\S]+)$/.exec(member);
    if (!match || /^(static|constructor)\b/.test(member)) return [];
    return [{ name: match[1], optional: Boolean(match[2]), type: parseType(match[3]) }];
  });
}

function parseType(raw: string): Type {
  const text = raw.trim();
  const union = splitTop(text, '|');
  if (union.length > 1) return { kind: 'union', of: union.map(parseType) };
  const all = splitTop(text, '&');
  if (all.length > 1) return { kind: 'all', of: all.map(parseType) };
  if (text.startsWith('(') && text.endsWith(')')) return parseType(text.slice(1, -1));
  if (/^["'].*["']$/.test(text)) return { kind: 'literal', value: text.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'literal', value: Number(text) };
  if (text === 'true' || text === 'false') return { kind: 'literal', value: text === 'true' };
  if (text.endsWith('[]')) return { kind: 'array', of: parseType(text.slice(0, -2)) };
  const generic = /^(Array|Set)<([\s\S]+)>$/.exec(text);
  if (generic) return { kind: 'array', of: parseType(generic[2]) };
  if (text.startsWith('{')) {
    const body = text.slice(1, -1);
    const index = /^\s*\[\w+:\s*string\]\s*:\s*([\s\S]+?);?\s*$/.exec(body);
    return index ? { kind: 'map', of: parseType(index[1]) } : { kind: 'object', members: parseMembers(body) };
  }
  // `typeof XConst[keyof typeof XConst]`: the values of a const object (Pipedrive's enums).
  const constEnum = /^typeof (\w+)\[keyof typeof \w+\]$/.exec(text);
  if (constEnum) return { kind: 'ref', name: `const ${constEnum[1]}` };
  return PRIMITIVES.has(text) ? { kind: 'primitive', name: text } : { kind: 'ref', name: text };
}

/** The declarations of one models folder: classes, interfaces, type aliases, enums and const enum objects. */
export class SdkModels {
  private constructor(private readonly types: Map<string, Type>) {}

  static load(dir: string): SdkModels {
    const types = new Map<string, Type>();
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.d.ts'))) {
      const text = readFileSync(path.join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const match of text.matchAll(/export (?:declare )?(?:class|interface) (\w+)[^{]*\{([\s\S]*?)\n\}/g)) types.set(match[1], { kind: 'object', members: parseMembers(match[2]) });
      for (const match of text.matchAll(/export (?:declare )?enum (\w+) \{([\s\S]*?)\n\}/g)) {
        const values = [...match[2].matchAll(/=\s*("[^"]*"|'[^']*'|-?\d+)/g)].map((v) => parseType(v[1]));
        types.set(match[1], { kind: 'union', of: values });
      }
      for (const match of text.matchAll(/export declare const (\w+): \{([\s\S]*?)\n\};/g)) {
        types.set(`const ${match[1]}`, { kind: 'union', of: parseMembers(match[2]).map((member) => member.type) });
      }
      for (const match of text.matchAll(/export type (\w+) = ([^;]+);/g)) types.set(match[1], parseType(match[2]));
    }
    return new SdkModels(types);
  }

  /** Where `value` breaks the declared type (a type expression such as `Pipeline` or `Array<Pipeline>`); empty when it conforms. */
  check(value: unknown, type: string, at = '$'): string[] {
    return this.problems(value, parseType(type), at);
  }

  private problems(value: unknown, type: Type, at: string): string[] {
    switch (type.kind) {
      case 'primitive':
        return primitiveProblem(value, type.name, at);
      case 'literal':
        return value === type.value ? [] : [`${at}: ${JSON.stringify(value)} is not ${JSON.stringify(type.value)}`];
      case 'array':
        return Array.isArray(value) ? value.flatMap((item, i) => this.problems(item, type.of, `${at}[${i}]`)) : [`${at}: not an array`];
      case 'map':
        return isObject(value) ? Object.entries(value).flatMap(([key, item]) => this.problems(item, type.of, `${at}.${key}`)) : [`${at}: not an object`];
      case 'object':
        if (!isObject(value)) return [`${at}: not an object (${JSON.stringify(value)})`];
        return type.members.flatMap((member) => {
          const item = value[member.name];
          if (item === undefined) return member.optional ? [] : [`${at}.${member.name}: required, missing`];
          return this.problems(item, member.type, `${at}.${member.name}`);
        });
      case 'union': {
        const each = type.of.map((alternative) => this.problems(value, alternative, at));
        if (each.some((problems) => problems.length === 0)) return [];
        const allowed = type.of.map((alternative) => (alternative.kind === 'literal' ? JSON.stringify(alternative.value) : undefined));
        if (allowed.every(Boolean)) return [`${at}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`];
        return each.reduce((fewest, next) => (next.length < fewest.length ? next : fewest));
      }
      case 'all':
        return type.of.flatMap((part) => this.problems(value, part, at));
      case 'ref': {
        const declared = this.types.get(type.name);
        // A type the folder does not declare (imported from elsewhere) is not checked.
        return declared ? this.problems(value, declared, at) : [];
      }
    }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function primitiveProblem(value: unknown, name: string, at: string): string[] {
  const ok: Record<string, (v: unknown) => boolean> = {
    any: () => true,
    unknown: () => true,
    never: () => false,
    object: (v) => typeof v === 'object' && v !== null,
    null: (v) => v === null,
    undefined: (v) => v === undefined,
    Date: (v) => v instanceof Date && !Number.isNaN(v.getTime()),
    string: (v) => typeof v === 'string',
    number: (v) => typeof v === 'number' && Number.isFinite(v),
    boolean: (v) => typeof v === 'boolean',
  };
  return ok[name](value) ? [] : [`${at}: ${value instanceof Date ? 'an invalid date' : JSON.stringify(value)} is not ${name === 'Date' ? 'a date' : name}`];
}
