<?xml version="1.0" encoding="utf-8"?>
<!--
  Makes any OPML subscription list readable when a browser opens it: the lists and feeds it
  holds, each feed with its address and site. Feed readers ignore it.

  Reference it from an OPML file, right after the XML declaration, with a path relative to
  that file:  <?xml-stylesheet type="text/xsl" href="opml.xsl"?>
  Browsers apply it only when the file is served as XML (application/xml, text/xml); GitHub
  Pages serves .opml as text/x-opml, which browsers show as text or download, so the site
  links its HTML list of feeds and offers the OPML files as downloads.
-->
{{!-- A Handlebars template, rendered at build time: lang and t.<key> are the config's language
  and its words (src/view/strings/); XSLT's own attribute value templates use single braces. --}}
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <html lang="{{lang}}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title><xsl:value-of select="opml/head/title"/>{{t.opmlPageSuffix}}</title>
        <style>
          body { margin: 0 auto; max-width: 52rem; padding: 1rem; font: 16px/1.7 -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; overflow-wrap: anywhere; }
          .notice { padding: 0.75rem 1rem; border-radius: 8px; background: #fff4ce; color: #3b2e00; }
          ul { padding-left: 1.25rem; }
          li { margin: 0.3rem 0; }
          .group { font-weight: 700; }
          .url { color: #59636e; font-size: 0.85rem; }
          a { color: #0b62d6; }
          @media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } .notice { background: #3b2e00; color: #fff4ce; } a { color: #58a6ff; } .url { color: #9198a1; } }
        </style>
      </head>
      <body>
        <p class="notice">{{t.opmlNotice}}</p>
        <h1><xsl:value-of select="opml/head/title"/></h1>
        <ul>
          <xsl:apply-templates select="opml/body/outline"/>
        </ul>
      </body>
    </html>
  </xsl:template>

  <!-- A feed: its name links to the feed, with the feed's address and its site. -->
  <xsl:template match="outline[@xmlUrl]">
    <li>
      <a href="{@xmlUrl}"><xsl:call-template name="name"/></a>
      <xsl:if test="@htmlUrl">
        <xsl:text> · </xsl:text>
        <a href="{@htmlUrl}">{{t.website}}</a>
      </xsl:if>
      <br/>
      <span class="url"><xsl:value-of select="@xmlUrl"/></span>
    </li>
  </xsl:template>

  <!-- A folder of feeds (or a note): its name, then what it holds. -->
  <xsl:template match="outline">
    <li>
      <span class="group"><xsl:call-template name="name"/></span>
      <xsl:if test="outline">
        <ul>
          <xsl:apply-templates select="outline"/>
        </ul>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template name="name">
    <xsl:choose>
      <xsl:when test="normalize-space(@text)"><xsl:value-of select="@text"/></xsl:when>
      <xsl:when test="normalize-space(@title)"><xsl:value-of select="@title"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@xmlUrl"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
