#include "ingest/yaml_lite.hpp"

#include <catch2/catch.hpp>

using namespace medkg::ingest;

TEST_CASE("ingest::parse_yaml_lite reads model-card front matter", "[ingest]") {
    const auto r = parse_yaml_lite(R"(base_model: meta-llama/Meta-Llama-3-70B-Instruct # a comment
tags:
- llama-3
- "quoted: yes"
datasets: [a/b, 'c/d']
model-index:
- name: OpenBioLLM-70B
  results:
  - task:
      type: text-generation
    dataset:
      name: MMLU
    metrics:
    - type: accuracy
      value: 0.9
license: llama3
widget:
- text: >-
    folded
    text
)",
                                   2);
    INFO(r.error << " at " << r.error_line);
    REQUIRE(r.root);
    const auto& y = *r.root;
    CHECK(y.find("base_model")->scalar == "meta-llama/Meta-Llama-3-70B-Instruct");
    CHECK(y.find("base_model")->line == 2);
    REQUIRE(y.find("tags")->items.size() == 2);
    CHECK(y.find("tags")->items[1].scalar == "quoted: yes");
    REQUIRE(y.find("datasets")->items.size() == 2);
    CHECK(y.find("datasets")->items[1].scalar == "c/d");
    const auto& index = y.find("model-index")->items.at(0);
    CHECK(index.find("name")->scalar == "OpenBioLLM-70B");
    const auto& result = index.find("results")->items.at(0);
    CHECK(result.find("dataset")->find("name")->scalar == "MMLU");
    CHECK(result.find("metrics")->items.at(0).find("value")->scalar == "0.9");
    CHECK(y.find("license")->scalar == "llama3");
}

TEST_CASE("ingest::parse_yaml_lite reports bad input with its line", "[ingest]") {
    auto [text, fragment, line] = GENERATE(table<std::string, std::string, std::size_t>({
        {"a: 1\n\tb: 2\n", "tab", 2},
        {"a: 1\n  b: 2\n", "unexpected indentation", 2},
        {"just a line\n", "expected \"key: value\"", 1},
    }));
    const auto r = parse_yaml_lite(text, 1);
    CHECK_FALSE(r.root);
    CHECK(r.error.find(fragment) != std::string::npos);
    CHECK(r.error_line == line);
}

TEST_CASE("ingest::front_matter", "[ingest]") {
    CHECK_FALSE(front_matter("# title\n"));
    CHECK_FALSE(front_matter("---\nno end\n"));
    const auto fm = front_matter("---\na: 1\n---\n# body\n");
    REQUIRE(fm);
    CHECK(fm->yaml == "a: 1\n");
}
