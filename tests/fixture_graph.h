// A GoogleTest fixture: the fixture database of fixture_db.h written to a temporary file,
// opened read-only and loaded into a KnowledgeGraph, for the graph, query and export tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "fixture_db.h"
#include "geokg/graph/graph.h"
#include "geokg/store/store.h"
#include "test_util.h"

namespace geokg::testing {

class FixtureGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = tmp_.File("kg.db");
    Status st = WriteFixtureDb(path_);
    ASSERT_TRUE(st.ok()) << st.message();
    StoreOptions ro;
    ro.read_only = true;
    st = Store::Open(path_, ro, &store_);
    ASSERT_TRUE(st.ok()) << st.message();
    st = KnowledgeGraph::Load(store_.get(), &kg_);
    ASSERT_TRUE(st.ok()) << st.message();
  }

  // The entities.id of the actor `name` resolves to; fails the test when none.
  int64_t Id(const std::string& name) {
    VertexProps v;
    Status st = kg_->ResolveActor(name, &v);
    EXPECT_TRUE(st.ok()) << name << ": " << st.message();
    return v.id;
  }

  TempDir tmp_;
  std::string path_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<KnowledgeGraph> kg_;
};

}  // namespace geokg::testing
