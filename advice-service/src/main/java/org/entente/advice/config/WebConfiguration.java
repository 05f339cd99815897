package org.entente.advice.config;

import org.entente.advice.web.ReportAssembler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Spring wiring for the web layer. */
@Configuration
public class WebConfiguration {

    @Bean
    ReportAssembler reportAssembler(JsonMapper json) {
        return new ReportAssembler(json);
    }
}
