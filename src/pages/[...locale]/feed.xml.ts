/**
 * The RSS feeds, one per language (`/feed.xml`, `/zh-cn/feed.xml`): the paper
 * and archived notes of that language, newest first, each with its date,
 * description and tags. One feed per language because a feed has one
 * language and a reader follows the notes in the language they read. Built
 * only when SITE_URL gives the site an address: a feed needs absolute links.
 */
import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { withBase } from '../../site/base-url';
import { feeds } from '../../site/publishing';

export const getStaticPaths = (() => (import.meta.env.SITE ? feeds.map((feed) => ({ params: { locale: feed.locale }, props: { feed } })) : [])) satisfies GetStaticPaths;

type Props = { feed: (typeof feeds)[number] };

/** Paper and concept notes, and archived notes: what a follower of the notes wants to hear about. */
const inFeed = /^(papers\/(?!index$)|notes\/\d{4}\/)/;

export const GET: APIRoute<Props> = async ({ props: { feed }, site }) => {
  if (!site) throw new Error('The feed needs SITE_URL');
  const prefix = feed.locale ? `${feed.locale}/` : '';
  const notes = await getCollection('docs', (entry) => entry.id.startsWith(prefix) && (prefix !== '' || !entry.id.startsWith('zh-cn/')) && inFeed.test(entry.id.slice(prefix.length)));
  const items = notes.map((note) => {
    if (!note.data.date) throw new Error(`${note.id} is in the feed but has no date in its frontmatter`);
    return {
      title: note.data.title,
      description: note.data.description,
      pubDate: note.data.date,
      link: new URL(withBase(`${note.id}/`), site).href,
      categories: note.data.tags,
    };
  });
  items.sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime() || a.link.localeCompare(b.link));
  const home = new URL(withBase(prefix), site).href;
  return rss({
    title: feed.title,
    description: feed.lang === 'en' ? 'New paper notes and archived notes, newest first.' : '新的论文笔记和归档笔记，按日期从新到旧。',
    site: home,
    items,
    customData: `<language>${feed.lang}</language>`,
  });
};
