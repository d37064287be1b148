package io.needmap.pipeline;
