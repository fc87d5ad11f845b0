/**
 * OpenRegister's executable blocking for uploaded object files (FileValidationHandler; reference
 * openregister-files.md, "Checks common to all three"): a block list of extensions, the magic bytes
 * of Windows, ELF and Java binaries, and script markers near the start of the content.
 */

const BLOCKED_EXTENSIONS = new Set(
  (
    'exe bat cmd com msi scr vbs vbe js jse wsf wsh ps1 ps2 psc1 psc2 msh msh1 msh2 inf reg lnk pif gadget application ' +
    'cpl dll sys drv ocx sh bash csh ksh zsh run bin elf so dylib app deb rpm apk ipa jar class war ear ' +
    'php php3 php4 php5 phtml phar py pyc pyo pl cgi rb'
  ).split(' '),
);

export function blockedExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && BLOCKED_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

const MAGIC: number[][] = [
  [0x4d, 0x5a], // MZ: Windows PE
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xca, 0xfe, 0xba, 0xbe], // Java class
];

const SCRIPT_STARTS = ['#!/bin/sh', '#!/bin/bash', '#!/usr/bin/env', '<?php'];

export function executableContent(bytes: Uint8Array): boolean {
  if (MAGIC.some((magic) => magic.every((b, i) => bytes[i] === b))) return true;
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (SCRIPT_STARTS.some((start) => head.startsWith(start))) return true;
  return head.includes('#!') || head.includes('<?php') || head.includes('<?=');
}

/** The refusal text; the tail of upstream's sentence is not quoted in the reference, so it is ours. */
export function executableMessage(name: string): string {
  return `File '${name}' is an executable file. Executable files are blocked for security reasons.`;
}

export function isExecutableFile(name: string, bytes: Uint8Array): boolean {
  return blockedExtension(name) || executableContent(bytes);
}
