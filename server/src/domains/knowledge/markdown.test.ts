import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it.each([
    ['**bold** and _em_', '<p><strong>bold</strong> and <em>em</em></p>\n'],
    ['## 解决方法\n\n1. 核对户名', '<h2>解决方法</h2>\n<ol>\n<li>核对户名</li>\n</ol>\n'],
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n'],
    ['<img src=x onerror=alert(1)>', '<p>&lt;img src=x onerror=alert(1)&gt;</p>\n'],
    ['[x](javascript:alert(1))', '<p>[x](javascript:alert(1))</p>\n'],
    ['[x](JaVaScRiPt:alert(1))', '<p>[x](JaVaScRiPt:alert(1))</p>\n'],
    ['[x](&#106;avascript:alert(1))', '<p>[x](javascript:alert(1))</p>\n'],
    ['[x](vbscript:msgbox(1))', '<p>[x](vbscript:msgbox(1))</p>\n'],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)', '<p>[x](data:text/html;base64,PHNjcmlwdD4=)</p>\n'],
    ['[x](https://a.example "t\\" onmouseover=\\"y")', '<p><a href="https://a.example" title="t&quot; onmouseover=&quot;y" rel="noopener noreferrer nofollow">x</a></p>\n'],
    ['see https://help.example/kb', '<p>see <a href="https://help.example/kb" rel="noopener noreferrer nofollow">https://help.example/kb</a></p>\n'],
  ])('%s', (body, html) => {
    expect(renderMarkdown(body)).toBe(html);
  });

  it('never emits a tag it was not asked for, whatever the text', () => {
    const piece = fc.constantFrom('<script>', '</p>', '<a href="javascript:x">', '<iframe src=x>', '"', "'", ' onerror=', '[l](', ')', 'javascript:', '`', '\n\n', 'text', '提现');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const html = renderMarkdown(pieces.join(''));
        expect(html).not.toMatch(/<(script|iframe)|href="javascript|<a href="[^"]*"[^>]* on\w+=/i);
      }),
    );
  });
});
