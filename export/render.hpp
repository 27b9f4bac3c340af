#pragma once

#include <string>

namespace medkg::exporter {

/// Renders DOT text to `output` with Graphviz `dot` (or `$MEDKG_DOT` when set); the format comes
/// from the extension (.svg, .png, .pdf). The image is written to a temporary file and renamed
/// into place, so a failed render leaves no partial output. Throws medkg::Error when `dot` is
/// missing, fails, or the extension is not one it can write.
void render_dot(const std::string& dot_text, const std::string& output);

/// The Graphviz output format for `path` ("svg", "png", "pdf"), or empty when unsupported.
[[nodiscard]] std::string render_format_for(const std::string& path);

} // namespace medkg::exporter
