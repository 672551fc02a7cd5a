/**
 * {@code l2l report}: one self-contained HTML page about a run (a directory, running or not, or a zip archive),
 * with inline SVG charts and no script or external resource, so that it opens anywhere after {@code scp}.
 */
package org.l2l.runner.report;
