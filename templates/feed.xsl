<?xml version="1.0" encoding="utf-8"?>
<!--
  Makes atom.xml and rss.xml readable when opened in a browser (feed readers ignore it).
  Browsers are phasing XSLT out; the feeds themselves do not depend on it.
-->
{{!-- A Handlebars template, rendered at build time: lang and t.<key> are the config's language
  and its words (src/view/strings/); XSLT's own attribute value templates use single braces. --}}
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="atom dc">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="atom:feed/atom:title | rss/channel/title"/>
    <html lang="{{lang}}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title><xsl:value-of select="$title"/>{{t.feedPageSuffix}}</title>
        <style>
          body { margin: 0 auto; max-width: 52rem; padding: 1rem; font: 16px/1.7 -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; overflow-wrap: anywhere; }
          .notice { padding: 0.75rem 1rem; border-radius: 8px; background: #fff4ce; color: #3b2e00; }
          article { margin: 1rem 0; padding-bottom: 0.75rem; border-bottom: 1px solid #d1d9e0; }
          h2 { font-size: 1.05rem; margin: 0; }
          .meta { color: #59636e; font-size: 0.9rem; margin: 0.25rem 0 0; }
          .meta > span + span::before { content: " · "; }
          a { color: #0b62d6; }
          @media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } .notice { background: #3b2e00; color: #fff4ce; } a { color: #58a6ff; } .meta { color: #9198a1; } }
        </style>
      </head>
      <body>
        <xsl:variable name="current" select="atom:feed/atom:link[@rel='current']/@href"/>
        <xsl:choose>
          <!-- An RFC 5005 archive page is not a subscription: point to the one to subscribe to. -->
          <xsl:when test="$current">
            <p class="notice">{{t.archiveNoticeBefore}}<a href="{$current}">{{t.archiveNoticeLink}}</a>{{t.archiveNoticeAfter}}</p>
          </xsl:when>
          <xsl:otherwise>
            <p class="notice">{{t.feedNotice}}</p>
          </xsl:otherwise>
        </xsl:choose>
        <h1><xsl:value-of select="$title"/></h1>
        <p><xsl:value-of select="atom:feed/atom:subtitle | rss/channel/description"/></p>
        <p><a href="{atom:feed/atom:link[@rel='alternate']/@href | rss/channel/link}">{{t.openWebsite}}</a></p>
        <xsl:apply-templates select="atom:feed/atom:entry | rss/channel/item"/>
      </body>
    </html>
  </xsl:template>

  <!--
    Each part of an entry's meta line is a span; the " · " between them comes from CSS
    (.meta > span + span::before), so a missing part (an issue has no author) leaves no bare
    separator behind.
  -->
  <xsl:template match="atom:entry">
    <article>
      <h2><a href="{atom:link[@rel='alternate' or not(@rel)]/@href}"><xsl:value-of select="atom:title"/></a></h2>
      <p class="meta">
        <xsl:call-template name="authors">
          <xsl:with-param name="names" select="atom:author/atom:name"/>
        </xsl:call-template>
        <xsl:call-template name="sources">
          <xsl:with-param name="labels" select="atom:category/@label | atom:category[not(@label)]/@term"/>
        </xsl:call-template>
        <!-- Atom dates carry the feed's own offset: their first ten characters are the digest's day. -->
        <xsl:if test="atom:published | atom:updated">
          <span class="date"><xsl:value-of select="substring((atom:published | atom:updated)[1], 1, 10)"/></span>
        </xsl:if>
        <xsl:if test="atom:link[@rel='enclosure']">
          <span><a href="{atom:link[@rel='enclosure']/@href}">{{t.pdf}}</a></span>
        </xsl:if>
      </p>
    </article>
  </xsl:template>

  <xsl:template match="item">
    <article>
      <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
      <p class="meta">
        <xsl:call-template name="authors">
          <xsl:with-param name="names" select="dc:creator"/>
        </xsl:call-template>
        <xsl:call-template name="sources">
          <xsl:with-param name="labels" select="category"/>
        </xsl:call-template>
        <!--
          pubDate is in GMT, where the digest's midnight in its own time zone is the evening
          before; dc:date has the feed's offset, so its first ten characters are the digest's day.
          Entries shortened to titles and links (to fit the byte budget) carry no dc:date: no date
          is shown for them rather than the GMT one, which names the day before.
        -->
        <xsl:if test="dc:date"><span class="date"><xsl:value-of select="substring(dc:date, 1, 10)"/></span></xsl:if>
        <xsl:if test="enclosure">
          <span><a href="{enclosure/@url}">{{t.pdf}}</a></span>
        </xsl:if>
      </p>
    </article>
  </xsl:template>

  <!-- The first author, and "et al." (t.andOthers) when there are more. -->
  <xsl:template name="authors">
    <xsl:param name="names"/>
    <xsl:if test="$names">
      <span class="author">
        <xsl:value-of select="$names[1]"/>
        <xsl:if test="count($names) &gt; 1"><xsl:text>{{t.andOthers}}</xsl:text></xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- Every source of the entry (a daily issue has several). -->
  <xsl:template name="sources">
    <xsl:param name="labels"/>
    <xsl:if test="$labels">
      <span class="sources">
        <xsl:for-each select="$labels">
          <xsl:if test="position() &gt; 1"><xsl:text>{{t.listSeparator}}</xsl:text></xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>
      </span>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
