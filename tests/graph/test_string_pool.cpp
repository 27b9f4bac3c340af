#include "graph/string_pool.hpp"

#include <catch2/catch.hpp>

#include <string>

using medkg::graph::StringPool;

TEST_CASE("graph::StringPool::intern", "[graph]") {
    StringPool pool;
    CHECK(pool.intern("") == 0);
    const auto a = pool.intern("LLaMA");
    const auto b = pool.intern("Llama 2");
    CHECK(a != b);
    CHECK(pool.intern("LLaMA") == a);
    CHECK(pool.view(a) == "LLaMA");
    CHECK(pool.find("Llama 2") == b);
    CHECK_FALSE(pool.find("missing"));
}

TEST_CASE("graph::StringPool keeps views valid while growing", "[graph]") {
    StringPool pool;
    const auto first = pool.intern("first");
    const std::string_view view = pool.view(first);
    for (int i = 0; i < 200000; ++i) {
        pool.intern("model-" + std::to_string(i));
    }
    CHECK(view == "first");
    CHECK(pool.size() == 200002);
    CHECK(pool.find("model-199999"));
    CHECK(pool.view(*pool.find("model-12345")) == "model-12345");
    // An oversized string gets its own chunk.
    const std::string big(1 << 20, 'x');
    CHECK(pool.view(pool.intern(big)) == big);
}
