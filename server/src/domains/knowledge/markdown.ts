import MarkdownIt from 'markdown-it';

// Raw HTML in article text is escaped, never passed through (`html: false`), and markdown-it's
// own link check refuses javascript:, vbscript: and data: URLs (data: images excepted), so
// the output is safe to put into the page as it is.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

// Links leave the app: the target page gets neither our window nor our address.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** An article's Markdown as sanitised HTML (the same renderer for reads and the editor's preview). */
export function renderMarkdown(body: string): string {
  return md.render(body);
}
