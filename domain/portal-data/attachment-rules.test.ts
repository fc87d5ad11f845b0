import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as webFiles from '../../web/src/lib/files.js';
import {
  ACCEPTED_EXTENSIONS,
  checkAttachments,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  type AttachmentInput,
} from './attachment-rules.js';

/**
 * The gateway's checks on the files a customer sends with a request, without Nextcloud: what is
 * accepted and under which type (read from the bytes), and the one problem code each refusal
 * names. The same checks run end to end in resolvers/portal-data/requests.test.ts.
 */

const file = (fileName: string, bytes: Buffer | string): AttachmentInput => ({
  fileName,
  contentBase64: Buffer.from(bytes).toString('base64'),
});

/** The types of the accepted files, or the codes of the refusals, in order. */
function verdicts(...files: AttachmentInput[]): string[] {
  const { attachments, problems } = checkAttachments(files);
  return problems.length ? problems.map((p) => `${p.field} ${p.code}`) : attachments.map((a) => `${a.fileName} ${a.mimeType}`);
}

/**
 * A zip archive with stored (uncompressed) entries, as office suites write their containers; each
 * directory entry carries an extra field and a comment, as real ones may. `claim` lets the end
 * record say what the archive does not hold.
 */
function zip(entries: Array<[name: string, content: string]>, claim: { entries?: number; directoryAt?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(EXTRA.length, 30);
    central.writeUInt16LE(COMMENT.length, 32);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes, EXTRA, COMMENT);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(claim.entries ?? entries.length, 8);
  end.writeUInt16LE(claim.entries ?? entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(claim.directoryAt ?? offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const EXTRA = Buffer.from([0x55, 0x54, 0x01, 0x00, 0x00]);
const COMMENT = Buffer.from('c', 'utf8');
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
const PDF = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
const docx = zip([
  ['[Content_Types].xml', '<Types/>'],
  ['word/document.xml', '<w:document/>'],
]);

describe('accepted files', () => {
  it('takes the type from the bytes, whatever the client claims', () => {
    const claimed = { ...file('scan.pdf', PDF), mimeType: 'image/png' };
    expect(verdicts(claimed)).toEqual(['scan.pdf application/pdf']);
    expect(
      verdicts(
        file('a.gif', 'GIF87a\u0001\u0000'),
        file('b.gif', 'GIF89a\u0001\u0000'),
        file('c.webp', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])),
        file('d.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])),
        file('e.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0x43])),
      ),
    ).toEqual(['a.gif image/gif', 'b.gif image/gif', 'c.webp image/webp', 'd.JPG image/jpeg', 'e.jpeg image/jpeg']);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(verdicts(file('foto.png', png))).toEqual(['foto.png image/png']);
  });

  it('recognises office documents by what their container holds', () => {
    const xlsx = zip([
      ['[Content_Types].xml', '<Types/>'],
      ['xl/workbook.xml', '<workbook/>'],
    ]);
    const pptx = zip([
      ['[Content_Types].xml', '<Types/>'],
      ['ppt/presentation.xml', '<presentation/>'],
    ]);
    const odt = zip([
      ['mimetype', 'application/vnd.oasis.opendocument.text'],
      ['content.xml', '<office:document-content/>'],
    ]);
    const ods = zip([
      ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
      ['content.xml', '<office:document-content/>'],
    ]);
    expect(
      verdicts(
        file('brief.docx', docx),
        file('cijfers.xlsx', xlsx),
        file('dia.pptx', pptx),
        file('brief.odt', odt),
        file('cijfers.ods', ods),
      ),
    ).toEqual([
      'brief.docx application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'cijfers.xlsx application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'dia.pptx application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'brief.odt application/vnd.oasis.opendocument.text',
      'cijfers.ods application/vnd.oasis.opendocument.spreadsheet',
    ]);
    // Legacy Word and Excel share one container format: the extension tells them apart.
    expect(verdicts(file('oud.doc', OLE), file('oud.xls', OLE))).toEqual([
      'oud.doc application/msword',
      'oud.xls application/vnd.ms-excel',
    ]);
  });

  it('accepts plain text and CSV with tabs, line breaks and accents, named as such', () => {
    const text = 'naam;bedrag\r\nJan Jansen;12,50\tok\f\n\u00e9\u00e9n keer';
    expect(verdicts(file('export.csv', text), file('notitie.txt', text))).toEqual([
      'export.csv text/csv',
      'notitie.txt text/plain',
    ]);
    // Upstream looks for script markers in the first 1024 bytes only; so does the gateway.
    expect(verdicts(file('lang.txt', `${'x'.repeat(1024)}<?php`))).toEqual(['lang.txt text/plain']);
  });

  it('reads base64 with a data: prefix and line breaks', () => {
    const base64 = PDF.toString('base64');
    const wrapped = `data:application/pdf;base64,${base64.slice(0, 20)}\r\n${base64.slice(20)}`;
    const { attachments, problems } = checkAttachments([{ fileName: 'scan.pdf', contentBase64: wrapped }]);
    expect(problems).toEqual([]);
    expect(attachments[0]!.bytes.equals(PDF)).toBe(true);
  });

  it('gives a second file of the same name (in any case) its own name', () => {
    expect(verdicts(file('Scan.pdf', PDF), file('scan.PDF', PDF), file('SCAN.pdf', PDF), file('scan (2).pdf', PDF))).toEqual([
      'Scan.pdf application/pdf',
      'scan (2).PDF application/pdf',
      'SCAN (3).pdf application/pdf',
      'scan (2) (2).pdf application/pdf',
    ]);
  });

  it('takes 5 files of 25 MB, 50 MB together, and no more', () => {
    const full = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES - PDF.length)]);
    expect(checkAttachments([file('a.pdf', full), file('b.pdf', full)]).problems).toEqual([]);
    expect(checkAttachments([file('a.pdf', full), file('b.pdf', full), file('c.pdf', PDF)]).problems).toEqual([
      {
        field: 'attachments',
        code: 'FILES_TOO_LARGE_TOGETHER',
        message: 'All files together may be at most 50 MB; these are 51 MB.',
        params: { megabytes: 51, maxMegabytes: 50 },
      },
    ]);
    expect(checkAttachments([file('a.pdf', Buffer.concat([full, Buffer.alloc(1)]))]).problems).toEqual([
      expect.objectContaining({
        field: 'attachments.0',
        code: 'FILE_TOO_LARGE',
        message: 'A file may be at most 25 MB; a.pdf is 26 MB.',
        params: { name: 'a.pdf', megabytes: 26, maxMegabytes: 25 },
      }),
    ]);
    const five = Array.from({ length: 5 }, (_, i) => file(`${i}.pdf`, PDF));
    expect(checkAttachments(five).problems).toEqual([]);
    // Six are refused as a whole, without reading any of them.
    expect(checkAttachments([...five, file('zes.exe', 'MZ')])).toEqual({
      attachments: [],
      problems: [
        {
          field: 'attachments',
          code: 'TOO_MANY_FILES',
          message: 'At most 5 files.',
          params: { max: 5, count: 6 },
        },
      ],
    });
  });
});

describe('refused files', () => {
  it('refuses names that are empty, hidden, too long, or carry a path or control characters', () => {
    const names = [
      '',
      '   ',
      '.verborgen.pdf',
      `${'a'.repeat(252)}.pdf`,
      '../etc/passwd.pdf',
      'map\\scan.pdf',
      'scan\u0000.pdf',
      'scan\u007f.pdf',
      'a\nb.pdf',
    ];
    const { problems } = checkAttachments(names.slice(0, 5).map((name) => file(name, PDF)));
    expect(problems.map((p) => `${p.field} ${p.code} ${p.message} ${JSON.stringify(p.params)}`)).toEqual(
      [0, 1, 2, 3, 4].map((index) => `attachments.${index} FILE_NAME_INVALID Give the file a plain name. {"index":${index}}`),
    );
    for (const name of names.slice(5))
      expect(verdicts(file(name, PDF)), JSON.stringify(name)).toEqual(['attachments.0 FILE_NAME_INVALID']);
    expect(verdicts(file(`${'a'.repeat(251)}.pdf`, PDF))).toEqual([`${'a'.repeat(251)}.pdf application/pdf`]);
    expect(verdicts(file('  spaties.pdf  ', PDF))).toEqual(['spaties.pdf application/pdf']);
  });

  it('refuses content that is not base64, and empty files', () => {
    for (const contentBase64 of ['JVBER!0=', 'JVBERi0', 'JVBERi0===', '=JVBERi0']) {
      expect(checkAttachments([{ fileName: 'scan.pdf', contentBase64 }]).problems, contentBase64).toEqual([
        {
          field: 'attachments.0',
          code: 'FILE_CONTENT_INVALID',
          message: 'The content of scan.pdf is not valid base64.',
          params: { name: 'scan.pdf' },
        },
      ]);
    }
    expect(checkAttachments([{ fileName: 'leeg.pdf', contentBase64: '' }]).problems).toEqual([
      { field: 'attachments.0', code: 'FILE_EMPTY', message: 'leeg.pdf is empty.', params: { name: 'leeg.pdf' } },
    ]);
  });

  it('refuses programs and scripts by their name or their bytes', () => {
    const executables = [
      file('setup.exe', PDF),
      file('run.JS', 'alert(1)'),
      file('deploy.sh', 'echo hallo'),
      file('x.pdf', Buffer.from('MZ\u0090\u0000')),
      file('x.pdf', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1])),
      file('x.pdf', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0])),
      file('x.pdf', Buffer.from([0xfe, 0xed, 0xfa, 0xce, 0, 0])),
      file('x.pdf', Buffer.from([0xfe, 0xed, 0xfa, 0xcf, 0, 0])),
      file('x.pdf', Buffer.from([0xce, 0xfa, 0xed, 0xfe, 0, 0])),
      file('x.pdf', Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0, 0])),
      file('x.txt', '#!/bin/sh\nrm -rf /\n'),
      file('x.txt', 'hallo <?php system($_GET[1]); ?>'),
      file('x.txt', 'hallo <?= $x ?>'),
    ];
    for (const [index, executable] of executables.entries()) {
      expect(checkAttachments([executable]).problems, String(index)).toEqual([
        {
          field: 'attachments.0',
          code: 'FILE_EXECUTABLE',
          message: `${executable.fileName} is a program or script; those cannot be sent.`,
          params: { name: executable.fileName },
        },
      ]);
    }
  });

  it('refuses macro documents, other zips and containers, binary data and unnamed text', () => {
    const macro = zip([
      ['[Content_Types].xml', '<Types/>'],
      ['word/document.xml', '<w:document/>'],
      ['word/vbaProject.bin', 'code'],
    ]);
    const plainZip = zip([['foto.jpg', 'bytes']]);
    const contentTypesOnly = zip([['[Content_Types].xml', '<Types/>']]);
    const truncated = docx.subarray(0, docx.length - 10);
    const rootMacro = zip([
      ['[Content_Types].xml', '<Types/>'],
      ['word/document.xml', '<w:document/>'],
      ['vbaProject.bin', 'code'],
    ]);
    const officeEntries: Array<[string, string]> = [
      ['[Content_Types].xml', '<Types/>'],
      ['word/document.xml', '<w:document/>'],
    ];
    // A directory that does not add up is no document, whatever names it holds.
    const moreClaimed = zip(officeEntries, { entries: 3 });
    const directoryOutside = zip(officeEntries, { directoryAt: 0xfffffff0 });
    const otherOdf = zip([['mimetype', 'application/vnd.oasis.opendocument.presentation']]);
    const refused = [
      file('brief.docx', macro),
      file('archief.docx', plainZip),
      file('leeg.docx', contentTypesOnly),
      file('kapot.docx', truncated),
      file('macro.docx', rootMacro),
      file('meer.docx', moreClaimed),
      file('buiten.docx', directoryOutside),
      file('dia.odp', otherOdf),
      file('mail.msg', OLE),
      file('data.txt', Buffer.from('abc\u0001def')),
      file('nul.txt', Buffer.from([0x61, 0x00, 0x62])),
      file('LEESMIJ', 'gewone tekst'),
      file('pagina.html', '<p>hallo</p>'),
      // A name that is all extension is no extension: this is text without a kind, not a script.
      file('bash', 'echo hallo'),
      // RIFF holds audio and video too; only RIFF with WEBP inside is an image.
      file('geluid.webp', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')])),
      file('beeld.webp', Buffer.concat([Buffer.from('RIFX'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])),
    ];
    for (const refusedFile of refused) {
      expect(checkAttachments([refusedFile]).problems, refusedFile.fileName).toEqual([
        {
          field: 'attachments.0',
          code: 'FILE_TYPE_NOT_ALLOWED',
          message: `${refusedFile.fileName} is not a PDF, image, office document or text file.`,
          params: { name: refusedFile.fileName },
        },
      ]);
    }
  });

  it('refuses a file whose name does not match its content, naming the extension it needs', () => {
    expect(checkAttachments([file('brief.xlsx', docx), file('foto.pdf', 'GIF89a\u0001\u0000')]).problems).toEqual([
      {
        field: 'attachments.0',
        code: 'FILE_TYPE_MISMATCH',
        message: 'brief.xlsx does not have the name its content needs (.docx).',
        params: { name: 'brief.xlsx', expected: '.docx' },
      },
      {
        field: 'attachments.1',
        code: 'FILE_TYPE_MISMATCH',
        message: 'foto.pdf does not have the name its content needs (.gif).',
        params: { name: 'foto.pdf', expected: '.gif' },
      },
    ]);
    expect(verdicts(file('foto.png', Buffer.from([0xff, 0xd8, 0xff, 0xe0])))).toEqual(['attachments.0 FILE_TYPE_MISMATCH']);
    expect(checkAttachments([file('foto.png', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))]).problems[0]!.params).toEqual({
      name: 'foto.png',
      expected: '.jpg, .jpeg',
    });
  });
});

describe('the web app and the gateway agree', () => {
  it("the portal's file picker offers exactly the kinds of file the gateway accepts, under the same limits", () => {
    expect(webFiles.ACCEPTED_FILES.split(',')).toEqual(ACCEPTED_EXTENSIONS.map((extension) => `.${extension}`));
    expect(webFiles.MAX_ATTACHMENT_BYTES).toBe(MAX_ATTACHMENT_BYTES);
    expect(webFiles.MAX_ATTACHMENTS).toBe(MAX_ATTACHMENTS);
  });
});
