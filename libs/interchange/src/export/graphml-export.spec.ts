import { toGraphml } from './graphml-export';

/** Characters no XML 1.0 document may contain (not even as a reference). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('toGraphml', () => {
  it('is well-formed XML 1.0 whatever the text: markup escaped, impossible characters replaced', () => {
    const xml = toGraphml({
      entities: [
        { labels: ['System', 'Asset'], props: { id: 'sys-a', name: 'A <b>&"c"\u0000nul\u001Fus\uD800lone' } },
        { labels: ['System', 'Asset'], props: { id: 'sys-b', name: 'B 😀 tab\there' } },
      ],
      relationships: [{ type: 'CONNECTS_TO', from: 'sys-a', to: 'sys-b', props: { key: '' } }],
    });
    expect(NOT_XML.test(xml)).toBe(false);
    expect(xml).toContain(
      '<data key="n_name">A &lt;b&gt;&amp;&quot;c&quot;\uFFFDnul\uFFFDus\uFFFDlone</data>',
    );
    expect(xml).toContain('<data key="n_name">B 😀 tab\there</data>'); // a valid pair and a tab stay
    expect(xml).toContain('<edge id="CONNECTS_TO:sys-a:sys-b" source="sys-a" target="sys-b">');
  });
});
